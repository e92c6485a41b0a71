import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { assertRangeInOrder } from '../http/errors.ts';
import { requireRole } from '../auth/auth-plugin.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import { serviceStatusFilter, toAccount, toOrder } from '../downstream/mapping.ts';
import type { BffContext } from '../context.ts';

type S = components['schemas'];

/** Admin views composed from several services with bulk calls: one call per service per page, never one per customer. */
export function adminCompositionRoutes(
  app: FastifyInstance,
  ctx: BffContext,
  downstreams: Downstreams,
): void {
  contractRoute<{ Querystring: { page: number; size: number; search?: string } }>(
    app,
    ctx.contract,
    'GET',
    '/api/admin/customers',
    async (request) => {
      requireRole(request, 'admin');
      const call = callContext(request);
      const { page, size } = request.query;
      const search = request.query.search?.trim() || undefined;
      const customers = (
        await ok(
          downstreams.api('accounts', call).GET('/customers', { params: { query: { page, size, search } } }),
        )
      ).body;
      const accountIds = customers.items.flatMap((c) => c.accounts.map((a) => a.id));
      const open = accountIds.length
        ? (
            await ok(
              downstreams.api('orders', call).GET('/orders', {
                params: { query: { accountIds: accountIds.join(','), status: 'open', size: 200 } },
              }),
            )
          ).body.items
        : [];
      return {
        page: customers.page,
        size: customers.size,
        total: customers.total,
        items: customers.items.map((c) => {
          const mine = new Set(c.accounts.map((a) => a.id));
          return {
            customer: { id: c.id, displayName: c.name },
            accounts: c.accounts.map(toAccount),
            openOrders: open.filter((o) => mine.has(o.accountId)).map((o) => toOrder(o, c.id)),
          };
        }),
      };
    },
  );

  contractRoute<{
    Querystring: {
      page: number;
      size: number;
      status?: S['OrderStatus'];
      assetId?: string;
      customerId?: string;
      from?: string;
      to?: string;
    };
  }>(app, ctx.contract, 'GET', '/api/admin/orders', async (request) => {
    requireRole(request, 'admin');
    const call = callContext(request);
    const { page, size, status, assetId, customerId, from, to } = request.query;
    assertRangeInOrder(from, to);
    let accountIds: string | undefined;
    if (customerId) {
      const accounts = (
        await ok(
          downstreams
            .api('accounts', call)
            .GET('/accounts', { params: { query: { customerIds: customerId } } }),
        )
      ).body.items;
      if (accounts.length === 0) return { items: [], page, size, total: 0 };
      accountIds = accounts.map((a) => a.id).join(',');
    }
    const serviceStatus = status === undefined ? undefined : serviceStatusFilter(status);
    const orders = (
      await ok(
        downstreams.api('orders', call).GET('/orders', {
          params: { query: { accountIds, status: serviceStatus, assetId, from, to, page, size } },
        }),
      )
    ).body;
    // One bulk call names the customer of every order on the page.
    const ids = [...new Set(orders.items.map((o) => o.accountId))];
    const owners = ids.length
      ? (
          await ok(
            downstreams.api('accounts', call).GET('/accounts', { params: { query: { ids: ids.join(',') } } }),
          )
        ).body.items
      : [];
    const customerOf = new Map(owners.map((a) => [a.id, a.customerId]));
    const items = orders.items
      .map((o) => toOrder(o, customerOf.get(o.accountId)))
      .filter((o) => status === undefined || o.status === status);
    return { items, page: orders.page, size: orders.size, total: orders.total };
  });

  contractRoute<{ Params: { id: string } }>(
    app,
    ctx.contract,
    'GET',
    '/api/admin/orders/{id}/timeline',
    async (request) => {
      requireRole(request, 'admin');
      const { body } = await ok(
        downstreams
          .api('orders', callContext(request))
          .GET('/orders/{orderId}/timeline', { params: { path: { orderId: request.params.id } } }),
      );
      // Recorded by the BFF when the customer placed it (bff/src/routes/orders.ts).
      const placed = (
        await ctx.audit.query({
          action: 'order.place',
          target: `order:${body.orderId}`,
          page: 1,
          size: 1,
        })
      ).items[0];
      return {
        orderId: body.orderId,
        servedBy: placed?.builds ?? null,
        entries: body.entries.map((e) => ({ seq: e.seq, step: e.step, detail: e.detail, at: e.at })),
      };
    },
  );
}
