import {
  addDecimals,
  Button,
  formatDateTime,
  formatMoney,
  formatQuantity,
  multiplyDecimals,
  StatusBadge,
  subtractDecimals,
  Table,
  type Column,
} from '@simplebank/ui';
import { memo, useState } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import { AssetName } from '../../../shared/components/AssetName.tsx';
import { orderReason, orderReference } from '../api/order-words.ts';
import { CANCELLABLE, isOptimistic, type Order } from '../api/orders.ts';
import { OrderTimeline } from './OrderTimeline.tsx';

function price(order: Order, currency: string) {
  if (order.fillPrice) return `${formatMoney(order.fillPrice, currency, { maxFractionDigits: 4 })} filled`;
  if (order.limitPrice) return `${formatMoney(order.limitPrice, currency, { maxFractionDigits: 4 })} limit`;
  return 'Market';
}

/**
 * What the order costs (buy) or brings in (sell), fee included: at the fill price once filled,
 * else at the limit price; a market order not filled yet has no total.
 */
function total(order: Order): string | null {
  const price = order.fillPrice ?? order.limitPrice;
  if (!price) return null;
  const value = multiplyDecimals(order.quantity, price);
  const fee = order.fee ?? '0';
  return order.side === 'buy' ? addDecimals(value, fee) : subtractDecimals(value, fee);
}

/** Memoised: /trade re-renders on every price tick, and this table shows no price that moves. */
export const OrdersTable = memo(function OrdersTable({
  orders,
  assetsById,
  empty,
  caption = 'Your orders',
  onCancel,
  accountNames,
}: {
  orders: Order[];
  assetsById: Map<string, Asset>;
  empty: string;
  caption?: string;
  /** Adds an Account column naming each order's account. */
  accountNames?: Map<string, string>;
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
      key: 'ref',
      header: 'Reference',
      // The optimistic row has no server id yet: nothing to quote until it does.
      cell: (o) => (isOptimistic(o) ? '…' : <code title={o.id}>{orderReference(o)}</code>),
    },
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
    ...(accountNames
      ? [
          {
            key: 'account',
            header: 'Account',
            cell: (o: Order) => accountNames.get(o.accountId) ?? o.accountId,
          },
        ]
      : []),
    { key: 'side', header: 'Side', cell: (o) => (o.side === 'buy' ? 'Buy' : 'Sell') },
    { key: 'quantity', header: 'Quantity', cell: (o) => formatQuantity(o.quantity), align: 'end' },
    { key: 'price', header: 'Price', cell: (o) => price(o, currency(o)), align: 'end' },
    {
      key: 'fee',
      header: 'Fee',
      cell: (o) => (o.fee ? formatMoney(o.fee, currency(o)) : '—'),
      align: 'end',
    },
    {
      key: 'total',
      header: 'Total',
      cell: (o) => {
        const amount = total(o);
        return amount ? formatMoney(amount, currency(o)) : '—';
      },
      align: 'end',
    },
    {
      key: 'status',
      header: 'Status',
      cell: (o) => {
        const reason = orderReason(o.statusReason);
        return (
          <>
            <StatusBadge status={o.status} />
            {reason && <div className="sb-muted">{reason}</div>}
          </>
        );
      },
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
