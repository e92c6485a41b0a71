import { createHash, randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import type { components } from '@simplebank/openapi/services/orders';
import { limitPriceProblem } from '@simplebank/money';
import {
  ApiError,
  MAX_ORDER_VALUE_MINOR,
  conflict,
  notFound,
  unprocessable,
  type Database,
} from '@simplebank/service-kit';
import { isFinalOrderStatus } from '@simplebank/openapi';
import { type Order } from './model.ts';
import type { PriceCache } from './prices.ts';
import { cancelAtMarketCommand, reserveCommand } from './saga.ts';
import { findByIdempotencyKey, insertNewOrder, lockOrder, saveOrder } from './store.ts';

/** The body of `createOrder` (openapi/services/orders.yaml, CreateOrder). */
export type CreateOrderInput = components['schemas']['CreateOrder'];

/** A market buy by quantity reserves at this much above the last price, and fills no higher. */
export const MARKET_BUY_PRICE_BUFFER = '0.02';

/**
 * The default smallest order value, 50.00: the minimum fee of 1.00 (services/accounts/src/fees.ts)
 * is then at most 2% of any order.
 */
export const DEFAULT_MIN_ORDER_VALUE_MINOR = 5000;

export interface OrderRules {
  minimumOrderValueMinor: number;
}

/**
 * Refuses an order worth less than the minimum: quantity × limit price for a limit order,
 * quantity × the last price for a market order, the amount for an amount.
 */
function checkMinimum(input: CreateOrderInput, lastPrice: string, rules: OrderRules): void {
  const minimum = rules.minimumOrderValueMinor;
  const valueMinor =
    input.amountMinor ??
    new Decimal(input.quantity ?? 0)
      .mul(input.limitPrice ?? lastPrice)
      .mul(100)
      .toDecimalPlaces(0, Decimal.ROUND_DOWN)
      .toNumber();
  if (valueMinor >= minimum) return;
  const field = input.amountMinor !== undefined ? 'amountMinor' : 'quantity';
  const money = (minor: number) => new Decimal(minor).div(100).toFixed(2);
  const reason = `the order is worth ${money(valueMinor)}, below the minimum order value of ${money(minimum)}`;
  throw new ApiError(422, 'ORDER_BELOW_MINIMUM', reason, [{ field, reason }], {
    minimumOrderValueMinor: minimum,
    valueMinor,
  });
}

function checkRules(input: CreateOrderInput): void {
  if (input.quantity === undefined && input.amountMinor === undefined)
    throw unprocessable('QUANTITY_REQUIRED', 'give quantity (or amountMinor for a market buy)');
  if (input.quantity !== undefined && input.amountMinor !== undefined)
    throw unprocessable('QUANTITY_AND_AMOUNT', 'give quantity or amountMinor, not both');
  if (input.amountMinor !== undefined && !(input.side === 'buy' && input.type === 'market')) {
    throw unprocessable('AMOUNT_ONLY_FOR_MARKET_BUY', 'an amount can only be given for a market buy');
  }
  if (input.quantity !== undefined && new Decimal(input.quantity).lte(0))
    throw unprocessable('QUANTITY_NOT_POSITIVE', 'quantity must be above zero');
  const limitProblem = limitPriceProblem(input.type, input.limitPrice);
  if (limitProblem) throw unprocessable(limitProblem.code, `limitPrice: ${limitProblem.reason}`);
}

/**
 * An order is worth at most MAX_ORDER_VALUE_MINOR at the price it reserves at: a bound of the
 * domain, and what keeps the reservation and fee within the accounts service's columns.
 */
function orderValueTooLarge(input: CreateOrderInput, estimatedPrice: string): ApiError | null {
  if (input.quantity === undefined) return null;
  const valueMinor = new Decimal(input.quantity).mul(estimatedPrice).mul(100);
  if (valueMinor.lte(MAX_ORDER_VALUE_MINOR)) return null;
  const max = new Decimal(MAX_ORDER_VALUE_MINOR).div(100).toFixed(2);
  return new ApiError(422, 'ORDER_VALUE_TOO_LARGE', `an order is worth at most ${max}`, [
    { field: 'quantity', reason: `quantity × price must be at most ${max}` },
  ]);
}

const requestHash = (input: CreateOrderInput) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        input.accountId,
        input.assetId,
        input.side,
        input.type,
        input.quantity === undefined ? null : new Decimal(input.quantity).toFixed(),
        input.amountMinor ?? null,
        input.limitPrice === undefined ? null : new Decimal(input.limitPrice).toFixed(),
        input.source ?? { kind: 'customer' },
      ]),
    )
    .digest('hex');

/** Creates an order (status pending) and starts its saga; the same key and body return the same order. */
export async function createOrder(
  db: Database,
  prices: PriceCache,
  rules: OrderRules,
  input: CreateOrderInput,
  idempotencyKey: string,
  requestedBy: string | null,
): Promise<{ order: Order; created: boolean }> {
  const hash = requestHash(input);
  const replay = async () => {
    const existing = await findByIdempotencyKey(db, idempotencyKey);
    if (!existing) return null;
    if (existing.requestHash !== hash)
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another order');
    return { order: existing, created: false };
  };
  let quote: { price: string; currency: string };
  try {
    checkRules(input);
    const known = prices.get(input.assetId);
    if (!known) {
      if (prices.size === 0)
        throw new ApiError(422, 'PRICE_UNAVAILABLE', 'no market prices yet; try again in a moment');
      throw unprocessable('UNKNOWN_ASSET', `asset ${input.assetId} is not traded`);
    }
    checkMinimum(input, known.price, rules);
    quote = known;
  } catch (error) {
    // A repeated request answers with the order it created, whatever holds now.
    const earlier = await replay();
    if (earlier) return earlier;
    throw error;
  }
  let estimatedPrice = input.limitPrice ?? quote.price;
  let priceCap: string | null = null;
  if (input.type === 'market' && input.side === 'buy' && input.quantity !== undefined) {
    priceCap = new Decimal(quote.price)
      .mul(new Decimal(1).add(MARKET_BUY_PRICE_BUFFER))
      .toDecimalPlaces(8, Decimal.ROUND_UP)
      .toFixed();
    estimatedPrice = priceCap;
  }
  const tooLarge = orderValueTooLarge(input, estimatedPrice);
  if (tooLarge) {
    const earlier = await replay();
    if (earlier) return earlier;
    throw tooLarge;
  }
  const now = new Date();
  const order: Order = {
    id: randomUUID(),
    accountId: input.accountId,
    assetId: input.assetId,
    side: input.side,
    type: input.type,
    quantity: input.quantity === undefined ? null : new Decimal(input.quantity).toFixed(),
    amountMinor: input.amountMinor ?? null,
    limitPrice: input.limitPrice === undefined ? null : new Decimal(input.limitPrice).toFixed(),
    currency: quote.currency,
    status: 'pending',
    statusReason: null,
    cancelRequested: false,
    feeMinor: null,
    fillPrice: null,
    filledQuantity: null,
    tradeId: null,
    source: input.source ?? { kind: 'customer' },
    idempotencyKey,
    requestHash: hash,
    requestedBy,
    steps: { createdAt: now.toISOString() },
    version: 1,
    sagaStep: 'reserving',
    estimatedPrice: new Decimal(estimatedPrice).toFixed(),
    priceCap,
    createdAt: now,
    updatedAt: now,
  };
  const inserted = await insertNewOrder(
    db,
    order,
    { step: 'created; reserving', detail: { estimatedPrice: order.estimatedPrice } },
    [reserveCommand(order)],
  );
  if (inserted) return { order, created: true };
  // The key exists (an earlier or a simultaneous request): answer with that order, or 409.
  const winner = await replay();
  if (winner) return winner;
  throw new Error(`order with key ${idempotencyKey} neither inserted nor found`);
}

/**
 * Cancels an order. Before it reaches the market the saga is interrupted (status cancelled at once;
 * the reply still in flight is compensated when it arrives). At the market, a cancel is asked for.
 */
export async function cancelOrder(
  db: Database,
  orderId: string,
  requestedBy: string | null,
): Promise<{ order: Order; outcome: 'cancelled' | 'cancel-requested' }> {
  return db.transaction(async (tx) => {
    const o = await lockOrder(tx, orderId);
    if (!o) throw notFound('order', orderId);
    if (o.status === 'cancelled') return { order: o, outcome: 'cancelled' as const };
    if (o.status === 'completed' || o.sagaStep === 'settling')
      throw unprocessable('ORDER_ALREADY_EXECUTED', 'the order has executed and can no longer be cancelled');
    if (isFinalOrderStatus(o.status)) throw unprocessable('ORDER_NOT_CANCELABLE', `the order is ${o.status}`);
    const by = { requestedBy };
    if (o.sagaStep === 'reserving' || o.sagaStep === 'charging') {
      const next: Order = {
        ...o,
        status: 'cancelled',
        statusReason: 'CANCELED',
        cancelRequested: true,
        steps: { ...o.steps, cancelledAt: new Date().toISOString() },
      };
      return {
        order: await saveOrder(tx, next, {
          event: 'evt.orders.OrderCanceled',
          log: { step: 'cancelled before placement', detail: by },
        }),
        outcome: 'cancelled' as const,
      };
    }
    if (o.cancelRequested) return { order: o, outcome: 'cancel-requested' as const };
    const next: Order = {
      ...o,
      cancelRequested: true,
      steps: { ...o.steps, cancelRequestedAt: new Date().toISOString() },
    };
    const saved = await saveOrder(tx, next, {
      event: 'evt.orders.OrderCancelRequested',
      commands: [cancelAtMarketCommand(next)],
      log: { step: 'cancel requested from market', detail: by },
    });
    return { order: saved, outcome: 'cancel-requested' as const };
  });
}
