import { useHasRole } from '@simplebank/platform';
import type { ReactNode } from 'react';
import { NotAllowed } from './NotAllowed.tsx';

/** Renders its screen for admins only; the BFF enforces the same rule with a 403. */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  return useHasRole('admin') ? <>{children}</> : <NotAllowed title={title} />;
}
