// PlaceStrategyOrders, simplified: the amount is split by the strategy's percentages in cents,
// one market buy per allocation runs through the order saga, and the investment ends completed,
// partially completed or failed from its orders' outcomes.
import type { MockContext } from '../context.ts';
import { splitByPercentages } from '@simplebank/money';
import { investmentOutcome } from '@simplebank/openapi';
import { divide } from '../decimal.ts';
import type { Investment, Order, Strategy } from '../types.ts';
import { commitOrder, runOrderSaga } from './orders-saga.ts';

let counter = 3000;

function publish(ctx: MockContext, investment: Investment): void {
  ctx.realtime?.publish('investments', investment);
}

/** Re-reads the investment's orders and moves it on; called after each saga step could have run. */
function follow(ctx: MockContext, investmentId: string): void {
  const investment = ctx.db.state.investments.find((candidate) => candidate.id === investmentId);
  if (!investment || investment.status !== 'investing') return;
  const orders = investment.orders
    .map((line) => ctx.db.state.orders.find((order) => order.id === line.orderId))
    .filter((order): order is Order => Boolean(order));
  const outcome = investmentOutcome(orders.map((order) => order.status));
  const lines = investment.orders.map((line) => ({
    ...line,
    status: orders.find((order) => order.id === line.orderId)?.status ?? line.status,
    // bff.yaml: why an order did not complete, so the investment page can say so.
    reason: orders.find((order) => order.id === line.orderId)?.statusReason ?? null,
  }));
  const changed = outcome !== null || lines.some((line, i) => line.status !== investment.orders[i]?.status);
  // With synchronous steps (sagaStepMs 0) the orders are final already: nothing to wait for.
  const again = () => ctx.sagaStepMs > 0 && ctx.schedule(ctx.sagaStepMs, () => follow(ctx, investmentId));
  if (!changed) return void again();
  const next: Investment = {
    ...investment,
    orders: lines,
    status: outcome ?? 'investing',
    statusReason:
      outcome === 'failed' || outcome === 'partially_completed' ? 'Some orders could not be placed.' : null,
    updatedAt: new Date().toISOString(),
    version: investment.version + 1,
  };
  ctx.db.state.investments = ctx.db.state.investments.map((candidate) =>
    candidate.id === investmentId ? next : candidate,
  );
  publish(ctx, next);
  if (!outcome) again();
}

/** Starts an investment of `amount` from `accountId`; the orders are placed at once. */
export function invest(
  ctx: MockContext,
  strategy: Strategy,
  accountId: string,
  amount: string,
  customerId: string,
  key: string,
): Investment {
  counter += 1;
  const id = `inv-${counter}`;
  const at = new Date().toISOString();
  const amounts = splitByPercentages(
    amount,
    strategy.allocations.map((allocation) => allocation.percentage),
  );
  const orders = strategy.allocations.map((allocation, index): Order => {
    const price = ctx.db.asset(allocation.assetId)?.price ?? '1';
    return {
      id: `${id}-ord-${index + 1}`,
      accountId,
      customerId,
      assetId: allocation.assetId,
      side: 'buy',
      type: 'market',
      quantity: divide(amounts[index] ?? '0', price),
      limitPrice: null,
      status: 'pending',
      statusReason: null,
      fee: null,
      fillPrice: null,
      steps: [{ status: 'pending', at }],
      createdAt: at,
      updatedAt: at,
      version: 1,
      source: { kind: 'strategy-investment', investmentId: id },
      idempotencyKey: `${key}:${index}`,
    };
  });
  const investment: Investment = {
    id,
    strategyId: strategy.id,
    accountId,
    customerId,
    amount,
    paymentId: `pay-${counter}`,
    status: 'investing',
    statusReason: null,
    orders: orders.map((order, index) => ({
      orderId: order.id,
      assetId: order.assetId,
      amount: amounts[index] ?? '0',
      status: order.status,
    })),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  ctx.db.state.investments.unshift(investment);
  ctx.db.state.investmentKeys[key] = id;
  publish(ctx, investment);
  for (const order of orders) {
    commitOrder(ctx, order);
    runOrderSaga(ctx, order.id);
  }
  follow(ctx, id);
  return ctx.db.state.investments.find((candidate) => candidate.id === id) ?? investment;
}
