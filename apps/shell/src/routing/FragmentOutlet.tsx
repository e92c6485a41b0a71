import { useSession, type FragmentProps, Navigate, useLocation } from '@simplebank/platform';
import { Button, Loading, Notice } from '@simplebank/ui';
import { useMemo } from 'react';
import { FragmentSlot } from '../fragments/FragmentSlot.tsx';
import { NotAllowed, NotFound } from '../pages/StatusPages.tsx';
import type { FragmentRecord } from '../registry/types.ts';
import { canAccess, matchFragment, visibleNav } from './access.ts';

export interface RegistryState {
  records: FragmentRecord[] | undefined;
  failed: boolean;
  retry: () => void;
}

/** The main area: the fragment that owns the URL, if the user may see it. */
export function FragmentOutlet({
  registry,
  navigate,
}: {
  registry: RegistryState;
  navigate: (to: string) => void;
}) {
  const session = useSession();
  const { pathname } = useLocation();
  const records = registry.records;

  const record = records ? matchFragment(pathname, records) : null;
  const fragmentProps = useMemo<FragmentProps | null>(
    () => (record ? { name: record.name, basename: '/', session, navigate } : null),
    [record, session, navigate],
  );

  if (!records) {
    if (registry.failed) {
      return (
        <Notice
          tone="danger"
          title="The app's sections could not be loaded"
          action={
            <Button variant="secondary" onClick={registry.retry}>
              Retry
            </Button>
          }
        >
          Check your connection; your data is safe.
        </Notice>
      );
    }
    return <Loading label="Loading SimpleBank…" />;
  }

  if (pathname === '/') {
    const home = visibleNav(session.user, records)[0];
    if (home) return <Navigate to={home.path} replace />;
    return <p>There is nothing for your account here yet.</p>;
  }
  if (!record || !fragmentProps) return <NotFound />;
  if (!canAccess(session.user, record, pathname)) return <NotAllowed />;
  // Keyed by fragment so moving to another fragment mounts a fresh slot with its own retry state.
  return <FragmentSlot key={record.name} record={record} fragmentProps={fragmentProps} />;
}
