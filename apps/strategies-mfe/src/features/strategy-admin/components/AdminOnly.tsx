import { useHasRole } from '@simplebank/platform';
import { Notice, PageHeading } from '@simplebank/ui';
import type { ReactNode } from 'react';

/**
 * Admin screens render only for admins; anyone else gets a clear "not allowed" page, and none of
 * the admin requests is sent (the BFF would refuse them with 403 anyway).
 */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const isAdmin = useHasRole('admin');
  if (isAdmin) return children;
  return (
    <>
      <PageHeading title={title} />
      <Notice tone="warning" title="You are not allowed to see this page">
        Managing strategies is for SimpleBank administrators.
      </Notice>
    </>
  );
}
