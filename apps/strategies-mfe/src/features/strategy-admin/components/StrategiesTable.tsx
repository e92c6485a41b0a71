import { formatDate, formatMoney, StatusBadge, Table, type Column } from '@simplebank/ui';
import { RISK_LABELS, type Strategy } from '../../../shared/api/strategies.ts';

const HORIZONS: Record<Strategy['timeHorizon'], string> = { short: 'Short', medium: 'Medium', long: 'Long' };

const columns: Column<Strategy>[] = [
  { key: 'name', header: 'Name', cell: (s) => s.name, rowHeader: true },
  { key: 'status', header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
  { key: 'risk', header: 'Risk', cell: (s) => RISK_LABELS[s.riskLevel] },
  { key: 'horizon', header: 'Horizon', cell: (s) => HORIZONS[s.timeHorizon] },
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
];

export function StrategiesTable({
  strategies,
  caption,
  empty,
}: {
  strategies: Strategy[];
  caption: string;
  empty: string;
}) {
  return <Table caption={caption} columns={columns} rows={strategies} rowKey={(s) => s.id} empty={empty} />;
}
