import {
  Button,
  formatDateTime,
  formatMoney,
  formatQuantity,
  StatusBadge,
  Table,
  type Column,
} from '@simplebank/ui';
import { memo, useState } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import { AssetName } from '../../../shared/components/AssetName.tsx';
import { CANCELLABLE, isOptimistic, type Order } from '../api/orders.ts';
import { OrderTimeline } from './OrderTimeline.tsx';

function price(order: Order, currency: string) {
  if (order.fillPrice) return `${formatMoney(order.fillPrice, currency, { maxFractionDigits: 4 })} filled`;
  if (order.limitPrice) return `${formatMoney(order.limitPrice, currency, { maxFractionDigits: 4 })} limit`;
  return 'Market';
}

/** Memoised: /trade re-renders on every price tick, and this table shows no price that moves. */
export const OrdersTable = memo(function OrdersTable({
  orders,
  assetsById,
  empty,
  caption = 'Your orders',
  onCancel,
}: {
  orders: Order[];
  assetsById: Map<string, Asset>;
  empty: string;
  caption?: string;
  /** Offers Cancel on orders the saga can still stop. */
  onCancel?: (order: Order) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const currency = (order: Order) => assetsById.get(order.assetId)?.currency ?? 'USD';
  // "Sell 5 NRTH": how a person names an order; the button and the timeline both use it.
  const describe = (o: Order) =>
    `${o.side === 'buy' ? 'Buy' : 'Sell'} ${formatQuantity(o.quantity)} ${assetsById.get(o.assetId)?.symbol ?? o.assetId}`;
  const columns: Column<Order>[] = [
    {
      key: 'placed',
      header: 'Placed',
      cell: (o) => <time dateTime={o.createdAt}>{formatDateTime(o.createdAt)}</time>,
    },
    {
      key: 'asset',
      header: 'Asset',
      cell: (o) => <AssetName asset={assetsById.get(o.assetId)} id={o.assetId} />,
      rowHeader: true,
    },
    { key: 'side', header: 'Side', cell: (o) => (o.side === 'buy' ? 'Buy' : 'Sell') },
    { key: 'quantity', header: 'Quantity', cell: (o) => formatQuantity(o.quantity), align: 'end' },
    { key: 'price', header: 'Price', cell: (o) => price(o, currency(o)), align: 'end' },
    {
      key: 'status',
      header: 'Status',
      cell: (o) => (
        <>
          <StatusBadge status={o.status} />
          {o.statusReason && <div className="sb-muted">{o.statusReason}</div>}
        </>
      ),
    },
    {
      key: 'source',
      header: 'Source',
      cell: (o) => (o.source.kind === 'strategy-investment' ? 'Strategy investment' : 'You'),
    },
    {
      key: 'steps',
      header: 'Steps',
      cell: (o) => (
        <Button
          variant="secondary"
          aria-expanded={open.has(o.id)}
          aria-label={`Steps of ${describe(o)}`}
          onClick={() => toggle(o.id)}
        >
          {open.has(o.id) ? 'Hide' : 'Show'}
        </Button>
      ),
    },
    ...(onCancel
      ? [
          {
            key: 'actions',
            header: 'Actions',
            // An optimistic row has no id on the server yet: there is nothing to cancel until it does.
            cell: (o: Order) =>
              CANCELLABLE.includes(o.status) && !isOptimistic(o) ? (
                <Button variant="danger" aria-label={`Cancel ${describe(o)}`} onClick={() => onCancel(o)}>
                  Cancel
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table
      caption={caption}
      hideCaption
      columns={columns}
      rows={orders}
      // Keyed by the ticket when there is one, so the optimistic row and the real order are one
      // row to React: it updates in place (focus and open timeline kept) instead of remounting.
      rowKey={(o) => (o.idempotencyKey ? `ticket:${o.idempotencyKey}` : o.id)}
      empty={empty}
      details={(o) =>
        open.has(o.id) ? <OrderTimeline order={o} label={`Timeline of ${describe(o)}`} /> : null
      }
    />
  );
});
