import { useApi, useHasRole } from '@simplebank/platform';
import { ErrorNotice, Loading, Notice, PageHeading, Select, statusLabel } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Strategy, StrategyStatus } from '../../../shared/api/strategies.ts';
import { adminStrategiesQuery } from '../api/admin-strategies.ts';
import { StrategiesTable } from './StrategiesTable.tsx';

const STATUSES: StrategyStatus[] = ['draft', 'published', 'retired'];
const SECTION_TITLES: Record<StrategyStatus, string> = {
  draft: 'Drafts',
  published: 'Published',
  retired: 'Retired',
};

function StrategiesByStatus({
  strategies,
  only,
}: {
  strategies: Strategy[];
  only: StrategyStatus | undefined;
}) {
  const shown = only ? [only] : STATUSES;
  return (
    <>
      {shown.map((status) => (
        <StrategiesTable
          key={status}
          caption={SECTION_TITLES[status]}
          strategies={strategies.filter((strategy) => strategy.status === status)}
          empty={`No ${statusLabel(status).toLowerCase()} strategies.`}
        />
      ))}
    </>
  );
}

function ManageStrategies() {
  const api = useApi();
  const [status, setStatus] = useState<StrategyStatus | ''>('');
  const strategies = useQuery(adminStrategiesQuery(api, status || undefined));

  return (
    <>
      <PageHeading
        title="Manage strategies"
        description="Every strategy by status: drafts being designed, published ones customers invest in, retired ones."
      />
      <div className="sb-toolbar">
        <Select
          label="Show"
          value={status}
          onChange={(event) => setStatus(event.target.value as StrategyStatus | '')}
          options={[
            { value: '', label: 'All statuses' },
            ...STATUSES.map((value) => ({ value, label: SECTION_TITLES[value] })),
          ]}
        />
      </div>
      {strategies.isPending ? (
        <Loading label="Loading strategies…" />
      ) : strategies.isError ? (
        <ErrorNotice
          title="We could not load the strategies."
          error={strategies.error}
          onRetry={() => void strategies.refetch()}
        />
      ) : (
        <StrategiesByStatus strategies={strategies.data} only={status || undefined} />
      )}
    </>
  );
}

/** /admin/strategies: admins only; anyone else gets a clear "not allowed" page, not an error. */
export function ManageStrategiesPage() {
  const isAdmin = useHasRole('admin');
  if (!isAdmin) {
    return (
      <>
        <PageHeading title="Manage strategies" />
        <Notice tone="warning" title="You are not allowed to see this page">
          Managing strategies is for SimpleBank administrators.
        </Notice>
      </>
    );
  }
  return <ManageStrategies />;
}
