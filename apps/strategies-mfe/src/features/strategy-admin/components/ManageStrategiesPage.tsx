import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { ErrorNotice, Loading, Notice, PageHeading, Select, statusLabel } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Strategy, StrategyStatus } from '../../../shared/api/strategies.ts';
import { adminStrategiesQuery } from '../api/admin-strategies.ts';
import { useStrategyTransition } from '../hooks/useStrategyCommands.ts';
import { AdminOnly } from './AdminOnly.tsx';
import { StrategiesTable, type RowActions } from './StrategiesTable.tsx';

const STATUSES: StrategyStatus[] = ['draft', 'published', 'retired'];
const SECTION_TITLES: Record<StrategyStatus, string> = {
  draft: 'Drafts',
  published: 'Published',
  retired: 'Retired',
};

function StrategiesByStatus({
  strategies,
  only,
  actions,
}: {
  strategies: Strategy[];
  only: StrategyStatus | undefined;
  actions: RowActions;
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
          actions={actions}
        />
      ))}
    </>
  );
}

function ManageStrategies() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const [status, setStatus] = useState<StrategyStatus | ''>('');
  const strategies = useQuery({ ...adminStrategiesQuery(api, status || undefined), ...live });
  const publish = useStrategyTransition('publish');
  const retire = useStrategyTransition('retire');
  const running = publish.isPending ? publish : retire.isPending ? retire : undefined;
  const failed = publish.isError ? publish : retire.isError ? retire : undefined;
  const actions: RowActions = {
    onPublish: (strategy) => {
      retire.reset();
      publish.mutate(strategy);
    },
    onRetire: (strategy) => {
      publish.reset();
      retire.mutate(strategy);
    },
    busyId: running?.variables?.id,
  };

  return (
    <>
      <PageHeading
        title="Manage strategies"
        description="Every strategy by status: drafts being designed, published ones customers invest in, retired ones."
        actions={
          <Link className="sb-button sb-button--primary" to="/admin/strategies/new">
            New strategy
          </Link>
        }
      />
      {failed && (
        <Notice
          tone="danger"
          title={`${failed === publish ? 'Publishing' : 'Retiring'} ${failed.variables?.name ?? 'the strategy'} failed.`}
        >
          {failed.error?.message}
        </Notice>
      )}
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
        <StrategiesByStatus strategies={strategies.data} only={status || undefined} actions={actions} />
      )}
    </>
  );
}

/** /admin/strategies: admins only; anyone else gets a clear "not allowed" page, not an error. */
export function ManageStrategiesPage() {
  return (
    <AdminOnly title="Manage strategies">
      <ManageStrategies />
    </AdminOnly>
  );
}
