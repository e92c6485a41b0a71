import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError, assertRangeInOrder, forbidden, notFound } from '../http/errors.ts';
import { requireUser } from '../auth/auth-plugin.ts';
import { requireFlag } from '../flags/flag-store.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import { type ServiceOrder, serviceStatusFilter, toOrder } from '../downstream/mapping.ts';
import { auditFrom, type BffContext } from '../context.ts';
import { scopedIdempotencyKey } from '../downstream/idempotency.ts';
import { assertCanSeeAccount, customerAccounts } from '../access/ownership.ts';
import { belowMinimumAsField } from '../downstream/minimums.ts';
import { limitPriceProblem, type LimitPriceProblem } from '@simplebank/money';

type S = components['schemas'];

const LIMIT_PRICE_MESSAGES: Record<LimitPriceProblem['code'], string> = {
  LIMIT_PRICE_REQUIRED: 'A limit order needs a limit price',
  LIMIT_PRICE_NOT_ALLOWED: 'A market order has no limit price',
  LIMIT_PRICE_NOT_POSITIVE: 'A limit price is above zero',
};

/** The customer's orders: list, read (reading its own writes), place, cancel. */
export function orderRoutes(app: FastifyInstance, ctx: BffContext, downstreams: Downstreams): void {
  const { contract } = ctx;

  contractRoute<{
    Querystring: {
      page: number;
      size: number;
      status?: S['OrderStatus'];
      accountId?: string;
      assetId?: string;
      from?: string;
      to?: string;
    };
  }>(app, contract, 'GET', '/api/orders', async (request) => {
    const { page, size, status, accountId, assetId, from, to } = request.query;
    assertRangeInOrder(from, to);
    const { accounts } = await customerAccounts(request, downstreams);
    if (accountId !== undefined && !accounts.some((a) => a.id === accountId))
      throw forbidden('Not your account');
    const accountIds = accountId ?? accounts.map((a) => a.id).join(',');
    if (!accountIds) return { items: [], page, size, total: 0 };
    const { body } = await ok(
      downstreams.api('orders', callContext(request)).GET('/orders', {
        params: {
          query: {
            accountIds,
            status: status ? serviceStatusFilter(status) : undefined,
            assetId,
            from,
            to,
            page,
            size,
          },
        },
      }),
    );
    const items = body.items
      .map((o) => toOrder(o))
      .filter((o) => status === undefined || o.status === status);
    return { items, page: body.page, size: body.size, total: body.total };
  });

  /**
   * The order from the orders service, which reads its own writes: until the read model has it,
   * the command side answers (`servedFrom: write-side`), so an accepted order is never a 404.
   */
  async function loadOrder(
    request: Parameters<typeof callContext>[0],
    id: string,
    minVersion?: number,
  ): Promise<{ order: ServiceOrder; reached: boolean; servedFrom: S['Order']['servedFrom'] }> {
    const { body } = await ok(
      downstreams
        .api('orders', callContext(request))
        .GET('/orders/{orderId}', { params: { path: { orderId: id }, query: { minVersion } } }),
    );
    if (!body.order) throw notFound(`Order ${id}`);
    await assertCanSeeAccount(request, downstreams, body.order.accountId, `Order ${id}`);
    return {
      order: body.order,
      reached: body.minVersionReached,
      servedFrom: body.servedFrom,
    };
  }

  contractRoute<{ Params: { id: string }; Querystring: { minVersion?: number } }>(
    app,
    contract,
    'GET',
    '/api/orders/{id}',
    async (request, reply) => {
      requireUser(request);
      const { order, reached, servedFrom } = await loadOrder(
        request,
        request.params.id,
        request.query.minVersion,
      );
      if (request.query.minVersion !== undefined) reply.header('x-min-version-reached', String(reached));
      return { ...toOrder(order), servedFrom };
    },
  );

  contractRoute<{ Body: S['PlaceOrderRequest']; Headers: { 'idempotency-key': string } }>(
    app,
    contract,
    'POST',
    '/api/orders',
    async (request, reply) => {
      const { accounts } = await customerAccounts(request, downstreams);
      const body = request.body;
      if (!accounts.some((a) => a.id === body.accountId)) throw forbidden('Not your account');
      if (body.type === 'limit')
        await requireFlag(ctx.flags, 'orders.limitOrders', requireUser(request).roles);
      // The orders service enforces the same rule; answering it here names the BFF's field.
      const limitProblem = limitPriceProblem(body.type, body.limitPrice);
      if (limitProblem)
        throw new ApiError(422, limitProblem.code.toLowerCase(), LIMIT_PRICE_MESSAGES[limitProblem.code], [
          { field: 'body.limitPrice', reason: limitProblem.reason },
        ]);
      const key = request.headers['idempotency-key'];
      // The builds the customer's browser had loaded: the admin's order timeline shows them.
      const builds = request.sessionClaims ? await ctx.builds.ofSession(request.sessionClaims.sid) : null;
      const audit = (outcome: 'success' | 'failure', target: string | null, detail: string | null) =>
        ctx.audit.record(
          auditFrom(request, {
            action: 'order.place',
            outcome,
            target,
            detail: detail ?? `idempotency-key ${key}`,
            ...(builds ? { builds } : {}),
          }),
        );
      try {
        // The key makes the command safe to repeat, so it is retried.
        const res = await ok(
          downstreams.api('orders', callContext(request)).POST('/orders', {
            params: { header: { 'Idempotency-Key': scopedIdempotencyKey(requireUser(request).id, key) } },
            body: {
              accountId: body.accountId,
              assetId: body.assetId,
              side: body.side,
              type: body.type,
              quantity: body.quantity,
              ...(body.limitPrice ? { limitPrice: body.limitPrice } : {}),
              source: { kind: 'customer' },
            },
          }),
        );
        await audit('success', `order:${res.body.order.id}`, null);
        return reply.code(res.status === 201 || res.status === 202 ? 201 : 200).send(toOrder(res.body.order));
      } catch (err) {
        await audit('failure', null, (err as Error).message);
        throw belowMinimumAsField(err, 'ORDER_BELOW_MINIMUM', 'body.quantity');
      }
    },
    { role: 'customer' },
  );

  contractRoute<{ Params: { id: string } }>(
    app,
    contract,
    'POST',
    '/api/orders/{id}/cancel',
    async (request, reply) => {
      requireUser(request);
      const { order } = await loadOrder(request, request.params.id);
      try {
        // Cancelling twice is cancelling once: safe to retry.
        const res = await ok(
          downstreams
            .api('orders', callContext(request), { idempotent: true })
            .POST('/orders/{orderId}/cancel', { params: { path: { orderId: order.id } } }),
        );
        await ctx.audit.record(
          auditFrom(request, {
            action: 'order.cancel',
            outcome: 'success',
            target: `order:${order.id}`,
            detail: res.body.outcome,
          }),
        );
        return reply.code(202).send(toOrder(res.body.order));
      } catch (err) {
        await ctx.audit.record(
          auditFrom(request, {
            action: 'order.cancel',
            outcome: 'failure',
            target: `order:${order.id}`,
            detail: (err as Error).message,
          }),
        );
        throw err;
      }
    },
  );
}
