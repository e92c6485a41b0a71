// The place-order saga as the orders service runs it, simplified: reserve, charge the fee, place,
// execute. Every change lands on the command side at once and reaches the read model (and the
// `orders` push) `readModelLagMs` later, which is the lag the fragments must hide.
import type { MockContext } from '../context.ts';
import { FEE_SCHEDULE, feeFor, moneyToMinor } from '@simplebank/money';
import {
  decide,
  type Decision,
  type SagaCommand,
  type SagaReply,
  type SagaState,
} from '@simplebank/order-saga';
import { add, compare, divide, multiply, subtract } from '../decimal.ts';
import type { Order, OrderStatus } from '../types.ts';

/** The schedule the mocks charge: the accounts service's (packages/money). */
export const ORDER_FEES = FEE_SCHEDULE;

function now(): string {
  return new Date().toISOString();
}

/** Applies a new state of an order: command side now, read model and push after the lag. */
export function commitOrder(ctx: MockContext, order: Order): void {
  const { state } = ctx.db;
  const index = state.orders.findIndex((candidate) => candidate.id === order.id);
  if (index === -1) state.orders.unshift(order);
  else state.orders[index] = order;
  const view = structuredClone(order);
  ctx.schedule(ctx.readModelLagMs, () => {
    // The read model never goes back to an older version, even if updates arrive out of order.
    const views = ctx.db.state.orderViews;
    const current = views.findIndex((candidate) => candidate.id === view.id);
    if (current === -1) views.unshift(view);
    else if ((views[current]?.version ?? -1) < view.version) views[current] = view;
    else return;
    ctx.realtime?.publish('orders', view);
  });
}

/** The order moved one step: status, timeline entry, version. */
export function withStep(
  order: Order,
  status: OrderStatus,
  reason?: string,
  changes: Partial<Order> = {},
): Order {
  const at = now();
  return {
    ...order,
    ...changes,
    status,
    statusReason: reason ?? order.statusReason ?? null,
    steps: [...order.steps, { status, at, ...(reason ? { reason } : {}) }],
    updatedAt: at,
    version: order.version + 1,
  };
}

function current(ctx: MockContext, id: string): Order | undefined {
  return ctx.db.state.orders.find((order) => order.id === id);
}

function estimatedPrice(ctx: MockContext, order: Order): string {
  return order.limitPrice ?? ctx.db.asset(order.assetId)?.price ?? '0';
}

/** The fee the accounts service charges: on the order's value at the estimated price. */
function orderFee(ctx: MockContext, order: Order): string {
  return order.fee ?? feeFor(multiply(order.quantity, estimatedPrice(ctx, order)), ORDER_FEES);
}

function estimatedCost(ctx: MockContext, order: Order): string {
  return add([multiply(order.quantity, estimatedPrice(ctx, order)), orderFee(ctx, order)]);
}

/** Reserves cash (buy) or the holding (sell); the reason when it cannot. */
function reserve(ctx: MockContext, order: Order): string | null {
  const { state } = ctx.db;
  if (order.side === 'buy') {
    const account = state.accounts.find((candidate) => candidate.id === order.accountId);
    if (!account) return 'Unknown account.';
    const cost = estimatedCost(ctx, order);
    if (compare(account.cash.available, cost) < 0) {
      return `Insufficient funds: the order needs ${cost} ${account.currency} and ${account.cash.available} is available.`;
    }
    account.cash = {
      available: subtract(account.cash.available, cost),
      reserved: add([account.cash.reserved, cost]),
    };
    // Remember the amount: the price may move before the reservation is released or settled.
    state.reservations[order.id] = cost;
    return null;
  }
  const holding = state.holdings.find((h) => h.accountId === order.accountId && h.assetId === order.assetId);
  const free = holding ? subtract(holding.quantity, holding.reservedQuantity, 8) : '0';
  if (!holding || compare(free, order.quantity) < 0)
    return `Not enough to sell: ${free.replace(/\.?0+$/, '') || '0'} available.`;
  holding.reservedQuantity = add([holding.reservedQuantity, order.quantity], 8).replace(/\.?0+$/, '') || '0';
  return null;
}

/** Gives back what `reserve` took (cancel, failure). Safe to call for an order that reserved nothing. */
export function release(ctx: MockContext, order: Order): void {
  if (!order.steps.some((step) => step.status === 'reserved')) return;
  const { state } = ctx.db;
  if (order.side === 'buy') {
    const account = state.accounts.find((candidate) => candidate.id === order.accountId);
    const cost = state.reservations[order.id];
    // No remembered amount means it was released already: releasing twice must not refund twice.
    if (!account || cost === undefined) return;
    delete state.reservations[order.id];
    account.cash = {
      available: add([account.cash.available, cost]),
      reserved: subtract(account.cash.reserved, cost),
    };
    return;
  }
  const holding = state.holdings.find((h) => h.accountId === order.accountId && h.assetId === order.assetId);
  if (holding)
    holding.reservedQuantity =
      subtract(holding.reservedQuantity, order.quantity, 8).replace(/\.?0+$/, '') || '0';
}

/** Settles an executed trade: cash and holdings move for good. */
function settle(ctx: MockContext, order: Order, fillPrice: string): void {
  const { state } = ctx.db;
  const account = state.accounts.find((candidate) => candidate.id === order.accountId);
  if (!account) return;
  const trimmed = (value: string) => value.replace(/\.?0+$/, '') || '0';
  let holding = state.holdings.find((h) => h.accountId === order.accountId && h.assetId === order.assetId);
  if (order.side === 'buy') {
    const reserved = state.reservations[order.id] ?? '0';
    delete state.reservations[order.id];
    const actual = add([multiply(order.quantity, fillPrice), orderFee(ctx, order)]);
    // The reservation was an estimate; the difference goes back to available cash.
    account.cash = {
      available: add([account.cash.available, subtract(reserved, actual)]),
      reserved: subtract(account.cash.reserved, reserved),
    };
    if (!holding) {
      holding = {
        accountId: order.accountId,
        assetId: order.assetId,
        quantity: '0',
        reservedQuantity: '0',
        price: null,
        value: null,
        costBasis: '0.00',
        unrealizedPnl: null,
      };
      state.holdings.push(holding);
    }
    holding.quantity = trimmed(add([holding.quantity, order.quantity], 8));
    // Average-cost method, like the accounts service: a buy adds its cost (fee excluded).
    holding.costBasis = add([holding.costBasis, multiply(order.quantity, fillPrice)]);
  } else if (holding) {
    // A sell removes cost basis × sold / held (half up to the cent); all of it when all is sold.
    holding.costBasis =
      compare(order.quantity, holding.quantity) >= 0
        ? '0.00'
        : subtract(
            holding.costBasis,
            divide(multiply(holding.costBasis, order.quantity, 8), holding.quantity, 2),
          );
    holding.quantity = trimmed(subtract(holding.quantity, order.quantity, 8));
    holding.reservedQuantity = trimmed(subtract(holding.reservedQuantity, order.quantity, 8));
    account.cash = {
      ...account.cash,
      available: add([
        account.cash.available,
        subtract(multiply(order.quantity, fillPrice), orderFee(ctx, order)),
      ]),
    };
  }
}

/** What the simulated accounts service and market answer to each command of the saga. */
function answer(ctx: MockContext, order: Order, saga: SagaState, command: SagaCommand): SagaReply | null {
  switch (command) {
    case 'charge':
      return { type: 'evt.accounts.FeeCharged', data: { feeMinor: moneyToMinor(orderFee(ctx, order)) } };
    case 'place':
      return { type: 'evt.market.OrderPlaced', data: {} };
    case 'settle':
      settle(ctx, order, saga.fillPrice ?? '0');
      return { type: 'evt.accounts.TradeSettled', data: { cashDeltaMinor: 0 } };
    case 'release':
      release(ctx, order);
      return { type: 'evt.accounts.ReservationReleased', data: {} };
    case 'reverseFee':
      return { type: 'evt.accounts.FeeReversed', data: { feeMinor: moneyToMinor(orderFee(ctx, order)) } };
    case 'reserve':
    case 'cancelAtMarket':
      return null;
  }
}

/** The order as the BFF shows it after the saga's decision: a timeline entry per visible step. */
function shown(ctx: MockContext, order: Order, decision: Decision<SagaState>): Order | null {
  const { next } = decision;
  if (decision.event === 'evt.orders.OrderRejected')
    return withStep(order, 'rejected', next.statusReason ?? undefined);
  if (decision.event === 'evt.orders.OrderPlaced')
    return withStep(order, 'placed', undefined, { fee: orderFee(ctx, order) });
  if (decision.event === 'evt.orders.OrderCompleted')
    return withStep(order, 'completed', undefined, { fillPrice: next.fillPrice });
  if (next.steps.reservedAt && !order.steps.some((step) => step.status === 'reserved'))
    return withStep(order, 'reserved');
  return null;
}

/**
 * Runs the saga of a new order with the services' own decision table (packages/order-saga): the
 * simulated accounts service and market answer each command, and every change the customer can
 * see (reserved, placed, completed, rejected) takes one `sagaStepMs`. A cancel in between (the
 * order no longer where the saga left it) stops it.
 */
export function runOrderSaga(ctx: MockContext, orderId: string): void {
  let saga: SagaState = {
    status: 'pending',
    statusReason: null,
    sagaStep: 'reserving',
    feeMinor: null,
    fillPrice: null,
    filledQuantity: null,
    tradeId: null,
    steps: {},
  };
  let expected: OrderStatus = 'pending';

  const apply = (reply: SagaReply): void => {
    const order = current(ctx, orderId);
    if (order?.status !== expected) return;
    const decision = decide(saga, reply, new Date().toISOString());
    if (!decision) return;
    saga = decision.next;
    const visible = shown(ctx, order, decision);
    if (visible) {
      commitOrder(ctx, visible);
      expected = visible.status;
    }
    const replies = decision.commands.flatMap(
      (command) => answer(ctx, visible ?? order, saga, command) ?? [],
    );
    // Limit orders wait at the market; market orders fill at the current price one step later.
    if (decision.event === 'evt.orders.OrderPlaced' && order.type === 'market') {
      const price = ctx.db.asset(order.assetId)?.price ?? order.limitPrice ?? '0';
      replies.push({
        type: 'evt.market.TradeExecuted',
        data: { price, quantity: order.quantity, tradeId: `t-${orderId}` },
      });
    }
    // What the customer saw change took a step; the answers no one sees follow at once.
    for (const next of replies)
      if (visible) ctx.schedule(ctx.sagaStepMs, () => apply(next));
      else apply(next);
  };

  ctx.schedule(ctx.sagaStepMs, () => {
    const order = current(ctx, orderId);
    if (order?.status !== 'pending') return;
    const refusal = reserve(ctx, order);
    apply(
      refusal
        ? { type: 'evt.accounts.ReservationFailed', data: { reason: refusal } }
        : { type: 'evt.accounts.ReservationMade', data: {} },
    );
  });
}

/** Cancel: `cancelling` at once, `cancelled` one step later with the reservation released. */
export function cancelOrder(ctx: MockContext, order: Order): Order {
  const cancelling = withStep(order, 'cancelling');
  commitOrder(ctx, cancelling);
  ctx.schedule(ctx.sagaStepMs, () => {
    const latest = current(ctx, order.id);
    if (latest?.status !== 'cancelling') return;
    release(ctx, latest);
    commitOrder(ctx, withStep(latest, 'cancelled', 'Cancelled by the customer.'));
  });
  return cancelling;
}
