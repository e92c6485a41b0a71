import { formatMoney, formatQuantity, Table, type Column } from '@simplebank/ui';
import { AssetName } from '../../../shared/components/AssetName.tsx';
import type { ValuedHolding } from '../hooks/useValuedHoldings.ts';
import { ProfitLoss } from './ProfitLoss.tsx';

const NOT_VALUED = <span className="sb-muted">Not available</span>;

const columns: Column<ValuedHolding>[] = [
  {
    key: 'asset',
    header: 'Asset',
    cell: (h) => <AssetName asset={h.asset} id={h.assetId} />,
    rowHeader: true,
  },
  { key: 'quantity', header: 'Quantity', cell: (h) => formatQuantity(h.quantity), align: 'end' },
  {
    key: 'reserved',
    header: 'Reserved for orders',
    cell: (h) => (h.reservedQuantity === '0' ? '—' : formatQuantity(h.reservedQuantity)),
    align: 'end',
  },
  {
    key: 'price',
    header: 'Price',
    cell: (h) => (h.price === null ? NOT_VALUED : formatMoney(h.price, h.currency, { maxFractionDigits: 4 })),
    align: 'end',
  },
  {
    key: 'value',
    header: 'Value',
    cell: (h) => (h.value === null ? NOT_VALUED : formatMoney(h.value, h.currency)),
    align: 'end',
  },
  {
    key: 'costBasis',
    header: 'Cost basis',
    cell: (h) => formatMoney(h.costBasis, h.currency),
    align: 'end',
  },
  {
    key: 'pnl',
    header: 'Profit/loss',
    cell: (h) => <ProfitLoss amount={h.unrealizedPnl} currency={h.currency} />,
    align: 'end',
  },
];

export function HoldingsTable({ accountName, holdings }: { accountName: string; holdings: ValuedHolding[] }) {
  return (
    <Table
      caption={`Holdings in ${accountName}`}
      hideCaption
      columns={columns}
      rows={holdings}
      rowKey={(h) => h.assetId}
      empty="No holdings in this account yet."
    />
  );
}
