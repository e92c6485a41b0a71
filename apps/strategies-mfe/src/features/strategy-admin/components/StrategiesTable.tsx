import { Button, formatDate, formatMoney, StatusBadge, Table, type Column } from '@simplebank/ui';
import { Link } from '@simplebank/platform';
import { horizonLabel, RISK_LABELS, type Strategy } from '../../../shared/api/strategies.ts';

export interface RowActions {
  onPublish: (strategy: Strategy) => void;
  onRetire: (strategy: Strategy) => void;
  /** The id of the strategy whose command is in flight, to show its button busy. */
  busyId: string | undefined;
}

function Actions({ strategy, actions }: { strategy: Strategy; actions: RowActions }) {
  // An optimistic draft has no server id yet: nothing can be done to it until it is confirmed.
  if (strategy.version === 0) return <span className="sb-muted">Saving…</span>;
  const busy = actions.busyId === strategy.id;
  if (strategy.status === 'draft') {
    return (
      <span className="sb-row-actions">
        <Link
          className="sb-button sb-button--secondary"
          to={`/admin/strategies/${encodeURIComponent(strategy.id)}/edit`}
          aria-label={`Edit ${strategy.name}`}
        >
          Edit
        </Link>
        <Button
          busy={busy}
          aria-label={`Publish ${strategy.name}`}
          onClick={() => actions.onPublish(strategy)}
        >
          Publish
        </Button>
      </span>
    );
  }
  if (strategy.status === 'published') {
    return (
      <Button
        variant="danger"
        busy={busy}
        aria-label={`Retire ${strategy.name}`}
        onClick={() => actions.onRetire(strategy)}
      >
        Retire
      </Button>
    );
  }
  return null;
}

function columns(actions: RowActions): Column<Strategy>[] {
  return [
    { key: 'name', header: 'Name', cell: (s) => s.name, rowHeader: true },
    { key: 'status', header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
    { key: 'risk', header: 'Risk', cell: (s) => RISK_LABELS[s.riskLevel] },
    { key: 'horizon', header: 'Horizon', cell: (s) => horizonLabel(s.timeHorizon) },
    { key: 'assets', header: 'Assets', cell: (s) => String(s.allocations.length), align: 'end' },
    // Strategies are bought in the accounts' currency; the contract's totalInvested has no currency of its own.
    {
      key: 'invested',
      header: 'Invested',
      cell: (s) => (s.totalInvested ? formatMoney(s.totalInvested, 'USD') : '—'),
      align: 'end',
    },
    {
      key: 'updated',
      header: 'Last change',
      cell: (s) => <time dateTime={s.updatedAt}>{formatDate(s.updatedAt)}</time>,
    },
    { key: 'actions', header: 'Actions', cell: (s) => <Actions strategy={s} actions={actions} /> },
  ];
}

export function StrategiesTable({
  strategies,
  caption,
  empty,
  actions,
}: {
  strategies: Strategy[];
  caption: string;
  empty: string;
  actions: RowActions;
}) {
  return (
    <Table
      caption={caption}
      columns={columns(actions)}
      rows={strategies}
      rowKey={(s) => s.id}
      empty={empty}
    />
  );
}
