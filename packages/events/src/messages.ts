// The catalog of every message on the backbone: events (`evt.<source>.<Name>`) announce what
// happened; commands (`cmd.<target>.<Name>`) ask one service to do something and are answered by
// its events. Each entry has a schema version: a breaking change adds a new version instead of
// editing the old one, so consumers can keep reading what is still in the stream.
import { z } from 'zod';
import type { components } from '@simplebank/openapi/services/orders';

type ContractOrderStatus = components['schemas']['OrderStatus'];

/** Integer minor units (cents); never a binary float. */
export const minor = z.number().int().safe();
/** A decimal written as a string (prices, quantities), read with decimal.js. */
export const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');
const id = z.string().min(1);
const isoTime = z.string().min(10);

export const orderSide = z.enum(['buy', 'sell']);
export const orderType = z.enum(['market', 'limit']);
/** The services' order statuses: the contract's list (openapi/services/orders.yaml, OrderStatus). */
const orderStatuses = [
  'pending',
  'placed',
  'completed',
  'rejected',
  'failed',
  'cancelled',
  'expired',
] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to compile when the contract's list and this one differ.
const statusesMatchTheContract: Same<(typeof orderStatuses)[number], ContractOrderStatus> = true;
void statusesMatchTheContract;
/**
 * Messages written before the services spelt `cancelled` like the BFF say `canceled` (and
 * `canceledAt`); they still sit in the backbone's streams, so readers accept and respell them.
 */
export const orderStatus = z.preprocess(
  (value) => (value === 'canceled' ? 'cancelled' : value),
  z.enum(orderStatuses),
);
const orderSteps = z.preprocess(
  (value) => {
    if (typeof value !== 'object' || value === null || !('canceledAt' in value)) return value;
    const { canceledAt, ...rest } = value as Record<string, unknown>;
    return { ...rest, cancelledAt: canceledAt };
  },
  z.record(z.string(), z.string().min(10)),
);
export const orderSource = z.union([
  z.object({ kind: z.literal('customer') }),
  z.object({ kind: z.literal('strategy'), investmentId: id }),
]);

/** The command-side state of an order after a change; every order event carries it. */
export const orderSnapshot = z.object({
  id,
  accountId: id,
  assetId: id,
  side: orderSide,
  type: orderType,
  quantity: decimalString.nullable(),
  amountMinor: minor.nullable(),
  limitPrice: decimalString.nullable(),
  currency: z.string(),
  status: orderStatus,
  statusReason: z.string().nullable(),
  cancelRequested: z.boolean(),
  feeMinor: minor.nullable(),
  fillPrice: decimalString.nullable(),
  filledQuantity: decimalString.nullable(),
  source: orderSource,
  idempotencyKey: z.string(),
  requestedBy: z.string().nullable(),
  steps: orderSteps,
  version: z.number().int().positive(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type OrderSnapshot = z.infer<typeof orderSnapshot>;

export const orderView = orderSnapshot.extend({ projectedAt: isoTime });
export type OrderView = z.infer<typeof orderView>;

const orderEvent = z.object({ order: orderSnapshot });

export const assetType = z.enum(['share', 'fund', 'bond', 'currency']);
export const asset = z.object({
  id,
  symbol: z.string(),
  name: z.string(),
  type: assetType,
  currency: z.string(),
});

export const strategySnapshot = z.object({
  id,
  name: z.string(),
  description: z.string(),
  riskLevel: z.string(),
  timeHorizon: z.string(),
  allocations: z.array(z.object({ assetId: id, percentage: z.number() })),
  status: z.enum(['draft', 'published', 'retired']),
  createdByUserId: z.string(),
  createdAt: isoTime,
  version: z.number().int(),
});

export const investmentSnapshot = z.object({
  id,
  strategyId: id,
  accountId: id,
  amountMinor: minor,
  funding: z.enum(['cash', 'deposit']),
  paymentId: z.string().nullable(),
  status: z.enum(['pending', 'investing', 'completed', 'partially completed', 'failed']),
  failureReason: z.string().nullable(),
  orders: z.array(
    z.object({
      orderId: z.string().nullable(),
      assetId: id,
      amountMinor: minor,
      status: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  requestedBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

const reservationFailure = z.enum([
  'INSUFFICIENT_CASH',
  'INSUFFICIENT_HOLDING',
  'UNKNOWN_ACCOUNT',
  'CURRENCY_MISMATCH',
]);

/** type → { version, data schema }. */
export const messageCatalog = {
  // orders
  'evt.orders.OrderCreated': { version: 1, data: orderEvent },
  'evt.orders.OrderPlaced': { version: 1, data: orderEvent },
  'evt.orders.OrderCancelRequested': { version: 1, data: orderEvent },
  'evt.orders.OrderCanceled': { version: 1, data: orderEvent },
  'evt.orders.OrderRejected': { version: 1, data: orderEvent },
  'evt.orders.OrderFailed': { version: 1, data: orderEvent },
  'evt.orders.OrderExpired': { version: 1, data: orderEvent },
  'evt.orders.OrderCompleted': { version: 1, data: orderEvent },
  'evt.orders.OrderViewUpdated': { version: 1, data: z.object({ view: orderView }) },

  // commands to accounts, and what accounts announces
  'cmd.accounts.Reserve': {
    version: 1,
    data: z.object({
      orderId: id,
      accountId: id,
      side: orderSide,
      assetId: id,
      quantity: decimalString.nullable(),
      amountMinor: minor.nullable(),
      /** The price the reservation and the fee are estimated at (a cap for market buys). */
      estimatedPrice: decimalString,
      currency: z.string(),
    }),
  },
  'cmd.accounts.ChargeFee': { version: 1, data: z.object({ orderId: id }) },
  'cmd.accounts.ReverseFee': { version: 1, data: z.object({ orderId: id }) },
  'cmd.accounts.ReleaseReservation': { version: 1, data: z.object({ orderId: id }) },
  'cmd.accounts.SettleTrade': {
    version: 1,
    data: z.object({ orderId: id, tradeId: id, price: decimalString, quantity: decimalString }),
  },
  'cmd.accounts.RequestPayment': {
    version: 1,
    data: z.object({
      paymentId: id,
      accountId: id,
      amountMinor: minor,
      method: z.enum(['deposit', 'cash']),
      reference: z.string().nullable(),
    }),
  },
  'evt.accounts.ReservationMade': {
    version: 1,
    data: z.object({
      orderId: id,
      accountId: id,
      kind: z.enum(['cash', 'holding']),
      amountMinor: minor,
      quantity: decimalString,
      estimatedFeeMinor: minor,
    }),
  },
  'evt.accounts.ReservationFailed': {
    version: 1,
    data: z.object({ orderId: id, accountId: id, reason: reservationFailure }),
  },
  'evt.accounts.ReservationReleased': { version: 1, data: z.object({ orderId: id, accountId: id }) },
  'evt.accounts.FeeCharged': { version: 1, data: z.object({ orderId: id, accountId: id, feeMinor: minor }) },
  'evt.accounts.ChargeFailed': {
    version: 1,
    data: z.object({ orderId: id, accountId: id, reason: z.enum(['INSUFFICIENT_CASH', 'NO_RESERVATION']) }),
  },
  'evt.accounts.FeeReversed': { version: 1, data: z.object({ orderId: id, accountId: id, feeMinor: minor }) },
  'evt.accounts.TradeSettled': {
    version: 1,
    data: z.object({
      orderId: id,
      accountId: id,
      tradeId: id,
      cashDeltaMinor: z.number().int(),
      quantity: decimalString,
    }),
  },
  'evt.accounts.PaymentCompleted': {
    version: 1,
    data: z.object({
      paymentId: id,
      accountId: id,
      amountMinor: minor,
      method: z.enum(['deposit', 'cash']),
      reference: z.string().nullable(),
    }),
  },
  'evt.accounts.PaymentFailed': {
    version: 1,
    data: z.object({
      paymentId: id,
      accountId: id,
      amountMinor: minor,
      reason: z.string(),
      reference: z.string().nullable(),
    }),
  },

  // commands to the market gateway, and what the market announces
  'cmd.market.PlaceOrder': {
    version: 1,
    data: z.object({
      orderId: id,
      assetId: id,
      side: orderSide,
      type: orderType,
      quantity: decimalString.nullable(),
      amountMinor: minor.nullable(),
      limitPrice: decimalString.nullable(),
      /** For market buys: fill no higher than this (the reservation covers it). */
      priceCap: decimalString.nullable(),
    }),
  },
  'cmd.market.CancelOrder': { version: 1, data: z.object({ orderId: id }) },
  'evt.market.OrderPlaced': { version: 1, data: z.object({ orderId: id }) },
  'evt.market.OrderFailed': { version: 1, data: z.object({ orderId: id, reason: z.string() }) },
  'evt.market.OrderCanceled': { version: 1, data: z.object({ orderId: id }) },
  'evt.market.OrderExpired': { version: 1, data: z.object({ orderId: id }) },
  'evt.market.TradeExecuted': {
    version: 1,
    data: z.object({
      orderId: id,
      tradeId: id,
      assetId: id,
      side: orderSide,
      price: decimalString,
      quantity: decimalString,
    }),
  },
  'evt.market.PriceTick': {
    version: 1,
    data: z.object({
      prices: z.array(z.object({ assetId: id, price: decimalString, currency: z.string(), at: isoTime })),
    }),
  },
  'evt.market.AssetListed': { version: 1, data: z.object({ asset }) },

  // strategies
  'evt.strategies.StrategyCreated': { version: 1, data: z.object({ strategy: strategySnapshot }) },
  'evt.strategies.StrategyUpdated': { version: 1, data: z.object({ strategy: strategySnapshot }) },
  'evt.strategies.StrategyPublished': { version: 1, data: z.object({ strategy: strategySnapshot }) },
  'evt.strategies.StrategyRetired': { version: 1, data: z.object({ strategy: strategySnapshot }) },
  'evt.strategies.InvestmentRequested': { version: 1, data: z.object({ investment: investmentSnapshot }) },
  'evt.strategies.InvestmentUpdated': { version: 1, data: z.object({ investment: investmentSnapshot }) },
  'evt.strategies.InvestmentCompleted': { version: 1, data: z.object({ investment: investmentSnapshot }) },
  'evt.strategies.InvestmentFailed': { version: 1, data: z.object({ investment: investmentSnapshot }) },

  // used by the backbone contract tests only
  'evt.test.Ping': { version: 1, data: z.object({ n: z.number().int() }) },
} as const;

export type MessageCatalog = typeof messageCatalog;
export type MessageType = keyof MessageCatalog;
export type MessageData<T extends MessageType> = z.infer<MessageCatalog[T]['data']>;
