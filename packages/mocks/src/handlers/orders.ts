import { limitPriceProblem } from '@simplebank/money';
import { http } from '../http.ts';
import {
  errorBody,
  forbidden,
  networkDelay,
  notFound,
  paginate,
  unauthorized,
  type MockContext,
} from '../context.ts';
import { cancelOrder, commitOrder, ORDER_FEES, runOrderSaga } from '../simulation/orders-saga.ts';
import type { Order } from '../types.ts';
import { compare, multiply } from '../decimal.ts';

/** The services' defaults (ORDERS_MIN_ORDER_VALUE, STRATEGIES_MIN_INVESTMENT). */
export const MINIMUM_ORDER_VALUE = '50.00';
export const MINIMUM_INVESTMENT = '50.00';

const POSITIVE_DECIMAL = /^(?!0+(\.0+)?$)\d{1,15}(\.\d{1,8})?$/;
const CANCELLABLE: Order['status'][] = ['pending', 'reserved', 'placed'];

let orderCounter = 5000;

function newestFirst(a: Order, b: Order): number {
  return b.createdAt.localeCompare(a.createdAt);
}

/** The customer's orders (read model), placing with an idempotency key, and cancelling. */
export function orderHandlers(ctx: MockContext) {
  const ownAccountIds = () =>
    new Set(ctx.user?.customerId ? ctx.db.accountsOf(ctx.user.customerId).map((a) => a.id) : []);

  return [
    http.get('/api/orders', async ({ query, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const accounts = ownAccountIds();
      const status = query.get('status');
      const accountId = query.get('accountId');
      const assetId = query.get('assetId');
      const from = query.get('from');
      const to = query.get('to');
      if (from && to && Date.parse(to) < Date.parse(from))
        return response(400).json(
          errorBody('validation_failed', 'The end of the date range is before its start', [
            { field: 'query.to', reason: 'must not be before query.from' },
          ]),
        );
      const orders = ctx.db.state.orderViews
        .filter((order) => accounts.has(order.accountId))
        .filter((order) => !status || order.status === status)
        .filter((order) => !accountId || order.accountId === accountId)
        .filter((order) => !assetId || order.assetId === assetId)
        .filter((order) => !from || Date.parse(order.createdAt) >= Date.parse(from))
        .filter((order) => !to || Date.parse(order.createdAt) < Date.parse(to))
        .sort(newestFirst);
      return response(200).json(paginate(orders, query.get('page'), query.get('size')));
    }),

    // The simulated saga charges the accounts service's schedule (packages/money).
    http.get('/api/fees', async ({ response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      return response(200).json({
        ratePercent: ORDER_FEES.ratePercent,
        minimum: ORDER_FEES.minimum,
        minimumOrderValue: MINIMUM_ORDER_VALUE,
        minimumInvestment: MINIMUM_INVESTMENT,
      });
    }),

    http.get('/api/orders/{id}', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const order = ctx.db.state.orderViews.find((candidate) => candidate.id === params.id);
      if (!order || !ownAccountIds().has(order.accountId)) return response(404).json(notFound('The order'));
      return response(200).json(order);
    }),

    http.post('/api/orders', async ({ request, response }) => {
      await networkDelay(ctx);
      const user = ctx.user;
      if (!user) return response(401).json(unauthorized());
      if (!user.customerId) return response(403).json(forbidden());
      const key = request.headers.get('Idempotency-Key');
      if (!key || key.length < 8) {
        return response(400).json(
          errorBody('validation_failed', 'Idempotency-Key is required.', [
            { field: 'header.idempotency-key', reason: 'required, 8 to 128 characters' },
          ]),
        );
      }
      const body = await request.json();
      const replay = ctx.db.state.orders.find((order) => order.idempotencyKey === key);
      if (replay) return response(200).json(replay);

      const limitProblem = limitPriceProblem(body.type, body.limitPrice);
      const fields = [
        !POSITIVE_DECIMAL.test(body.quantity) && {
          field: 'body.quantity',
          reason: 'must be a decimal greater than 0',
        },
        // The one limit-price rule (packages/money), then the contract's decimal format.
        limitProblem
          ? { field: 'body.limitPrice', reason: limitProblem.reason }
          : body.limitPrice !== undefined &&
            !POSITIVE_DECIMAL.test(body.limitPrice) && {
              field: 'body.limitPrice',
              reason: 'must be a decimal greater than 0',
            },
      ].filter((field): field is { field: string; reason: string } => Boolean(field));
      if (fields.length > 0)
        return response(400).json(errorBody('validation_failed', 'The order is not valid.', fields));
      if (!ownAccountIds().has(body.accountId)) return response(404).json(notFound('The account'));
      const asset = ctx.db.asset(body.assetId);
      if (!asset) return response(404).json(notFound('The asset'));
      // As the BFF answers (bff/src/flags/flag-store.ts requireFlag).
      if (body.type === 'limit' && !ctx.db.state.flags['orders.limitOrders']) {
        return response(403).json(errorBody('feature_disabled', 'orders.limitOrders is turned off for you'));
      }
      const value = multiply(body.quantity, body.limitPrice ?? asset.price ?? '0');
      if (compare(value, MINIMUM_ORDER_VALUE) < 0) {
        const reason = `the order is worth ${value}, below the minimum order value of ${MINIMUM_ORDER_VALUE}`;
        return response(422).json(
          errorBody(
            'order_below_minimum',
            `The order is worth ${value}, below the minimum order value of ${MINIMUM_ORDER_VALUE}.`,
            [{ field: 'body.quantity', reason }],
          ),
        );
      }

      orderCounter += 1;
      const at = new Date().toISOString();
      const order: Order = {
        id: `ord-${orderCounter}`,
        accountId: body.accountId,
        customerId: user.customerId,
        assetId: body.assetId,
        side: body.side,
        type: body.type,
        quantity: body.quantity,
        limitPrice: body.limitPrice ?? null,
        status: 'pending',
        statusReason: null,
        fee: null,
        fillPrice: null,
        steps: [{ status: 'pending', at }],
        createdAt: at,
        updatedAt: at,
        version: 1,
        source: { kind: 'customer' },
        idempotencyKey: key,
      };
      commitOrder(ctx, order);
      runOrderSaga(ctx, order.id);
      return response(201).json(order);
    }),

    http.post('/api/orders/{id}/cancel', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const order = ctx.db.state.orders.find((candidate) => candidate.id === params.id);
      if (!order || !ownAccountIds().has(order.accountId)) return response(404).json(notFound('The order'));
      if (order.status === 'cancelling' || order.status === 'cancelled') return response(202).json(order);
      if (!CANCELLABLE.includes(order.status)) {
        return response(422).json(
          errorBody('not_cancellable', `The order is ${order.status} and can no longer be cancelled.`),
        );
      }
      return response(202).json(cancelOrder(ctx, order));
    }),
  ];
}
