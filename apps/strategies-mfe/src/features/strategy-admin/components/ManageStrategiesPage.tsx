import { useApi, useLiveQueryOptions, Link } from '@simplebank/platform';
import {
  ConfirmDialog,
  ErrorNotice,
  formatMoney,
  Loading,
  Notice,
  PageHeading,
  Select,
  statusLabel,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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

/**
 * Retiring cannot be undone (the strategies service refuses to publish a retired strategy again),
 * so the admin is told what is invested and what happens to the investors before it is done.
 */
function RetireDialog({
  strategy,
  onCancel,
  onConfirm,
}: {
  strategy: Strategy;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  // Strategies are bought in the accounts' currency; totalInvested has none of its own (StrategiesTable).
  const invested = strategy.totalInvested
    ? formatMoney(strategy.totalInvested, 'USD')
    : formatMoney('0', 'USD');
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Retire ${strategy.name}?`}
      description={`${invested} is invested in ${strategy.name}. Once retired, customers can no longer invest in it, and it cannot be published again.`}
      confirmLabel="Retire strategy"
      onConfirm={onConfirm}
    >
      <p>
        Its investors keep what they hold: nothing is sold, and their investments stay listed under its name.
      </p>
    </ConfirmDialog>
  );
}

/**
 * Publishing shows the strategy to every customer at once and ends its editing (only drafts are
 * edited), so the admin says so first.
 */
function PublishDialog({
  strategy,
  onCancel,
  onConfirm,
}: {
  strategy: Strategy;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Publish ${strategy.name}?`}
      description={`Every customer will see ${strategy.name} and can invest in it at once. Once published it can no longer be edited, only retired.`}
      confirmLabel="Publish strategy"
      tone="primary"
      onConfirm={onConfirm}
    />
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
  /** The strategy whose retirement awaits the admin's answer. */
  const [toRetire, setToRetire] = useState<Strategy | null>(null);
  /** The draft whose publication awaits the admin's answer. */
  const [toPublish, setToPublish] = useState<Strategy | null>(null);
  const actions: RowActions = {
    onPublish: (strategy) => {
      publish.reset();
      retire.reset();
      setToPublish(strategy);
    },
    onRetire: (strategy) => {
      publish.reset();
      retire.reset();
      setToRetire(strategy);
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
      {toPublish && (
        <PublishDialog
          strategy={toPublish}
          onCancel={() => setToPublish(null)}
          onConfirm={() => {
            publish.mutate(toPublish);
            setToPublish(null);
          }}
        />
      )}
      {toRetire && (
        <RetireDialog
          strategy={toRetire}
          onCancel={() => setToRetire(null)}
          onConfirm={() => {
            retire.mutate(toRetire);
            setToRetire(null);
          }}
        />
      )}
      <div aria-live="polite">
        {retire.isSuccess && (
          <Notice tone="success" title={`${retire.data.name} is retired.`}>
            Customers can no longer invest in it; its investors keep what they hold.
          </Notice>
        )}
      </div>
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
