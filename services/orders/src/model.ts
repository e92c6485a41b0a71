import Decimal from 'decimal.js';
import type { OrderSnapshot } from '@simplebank/events';
import type { SagaStep } from '@simplebank/order-saga';

/** Where an order's saga stands (packages/order-saga). */
export type { SagaStep };
export type OrderStatus = OrderSnapshot['status'];
/** Where an order can still change: every status the services write that is not final (openapi/src/order-status.ts). */
export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'placed'];

/** An order as the command side holds it (snapshot fields plus the saga's own). */
export interface Order extends Omit<OrderSnapshot, 'createdAt' | 'updatedAt'> {
  requestHash: string;
  sagaStep: SagaStep;
  estimatedPrice: string;
  priceCap: string | null;
  tradeId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderRow {
  id: string;
  account_id: string;
  asset_id: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: string | null;
  amount_minor: number | null;
  limit_price: string | null;
  currency: string;
  status: OrderStatus;
  status_reason: string | null;
  cancel_requested: boolean;
  fee_minor: number | null;
  fill_price: string | null;
  filled_quantity: string | null;
  trade_id: string | null;
  source: OrderSnapshot['source'];
  idempotency_key: string;
  request_hash: string;
  requested_by: string | null;
  steps: Record<string, string>;
  version: number;
  saga_step: SagaStep;
  estimated_price: string;
  price_cap: string | null;
  created_at: Date;
  updated_at: Date;
}

const dec = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());

export function orderFromRow(r: OrderRow): Order {
  return {
    id: r.id,
    accountId: r.account_id,
    assetId: r.asset_id,
    side: r.side,
    type: r.type,
    quantity: dec(r.quantity),
    amountMinor: r.amount_minor,
    limitPrice: dec(r.limit_price),
    currency: r.currency,
    status: r.status,
    statusReason: r.status_reason,
    cancelRequested: r.cancel_requested,
    feeMinor: r.fee_minor,
    fillPrice: dec(r.fill_price),
    filledQuantity: dec(r.filled_quantity),
    tradeId: r.trade_id,
    source: r.source,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    requestedBy: r.requested_by,
    steps: r.steps,
    version: r.version,
    sagaStep: r.saga_step,
    estimatedPrice: dec(r.estimated_price)!,
    priceCap: dec(r.price_cap),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toSnapshot(o: Order): OrderSnapshot {
  return {
    id: o.id,
    accountId: o.accountId,
    assetId: o.assetId,
    side: o.side,
    type: o.type,
    quantity: o.quantity,
    amountMinor: o.amountMinor,
    limitPrice: o.limitPrice,
    currency: o.currency,
    status: o.status,
    statusReason: o.statusReason,
    cancelRequested: o.cancelRequested,
    feeMinor: o.feeMinor,
    fillPrice: o.fillPrice,
    filledQuantity: o.filledQuantity,
    source: o.source,
    idempotencyKey: o.idempotencyKey,
    requestedBy: o.requestedBy,
    steps: o.steps,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
