import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import type { components as Accounts } from '@simplebank/openapi/services/accounts';
import type { components as Orders } from '@simplebank/openapi/services/orders';
import type { components as Market } from '@simplebank/openapi/services/market';
import type { components as Strategies } from '@simplebank/openapi/services/strategies';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError, assertRangeInOrder, forbidden, notFound } from '../http/errors.ts';
import { requireUser } from '../auth/auth-plugin.ts';
import { requireFlag } from '../flags/flag-store.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { DownstreamUnavailable } from '../downstream/service-client.ts';
import {
  holdingValue,
  minorToMoney,
  toAccount,
  toAsset,
  toOrder,
  unrealizedPnl,
  type ServiceOrder,
} from '../downstream/mapping.ts';
import type { KnownPrice, PriceCache } from '../downstream/price-cache.ts';
import { auditFrom, type BffContext } from '../context.ts';
import { scopedIdempotencyKey } from '../downstream/idempotency.ts';
import { assertCanSeeAccount, customerAccounts } from './ownership.ts';
import { belowMinimumAsField } from './minimums.ts';
import Decimal from 'decimal.js';

type S = components['schemas'];

/** BFF status filter → the orders service's (which has no reserved/cancelling and spells canceled). */
const STATUS_FILTER: Record<S['OrderStatus'], string> = {
  pending: 'pending',
  reserved: 'pending',
  placed: 'placed',
  completed: 'completed',
  rejected: 'rejected',
  failed: 'failed',
  cancelling: 'open',
  cancelled: 'canceled',
  expired: 'expired',
};

export interface BankingDeps {
  downstreams: Downstreams;
  prices: PriceCache;
}

export function bankingRoutes(app: FastifyInstance, ctx: BffContext, deps: BankingDeps): void {
  const { contract } = ctx;
  const { downstreams, prices } = deps;

  /** Current prices, or the last known ones (stale) when the market is down; null when none. */
  async function currentPrices(
    request: Parameters<typeof callContext>[0],
  ): Promise<Map<string, KnownPrice> | null> {
    try {
      const { body } = await downstreams
        .get('market')
        .call<Market['schemas']['PriceList']>('GET', 'prices', callContext(request), { idempotent: true });
      return prices.remember(body.items);
    } catch (err) {
      if (!(err instanceof DownstreamUnavailable)) throw err;
      request.log.warn({ err: err.message }, 'market unavailable: falling back to last known prices');
      return prices.lastKnown();
    }
  }

  contractRoute<{ Querystring: { type?: S['AssetType'] } }>(
    app,
    contract,
    'GET',
    '/api/assets',
    async (request) => {
      requireUser(request);
      const { body } = await downstreams
        .get('market')
        .call<Market['schemas']['AssetList']>('GET', 'assets', callContext(request), {
          idempotent: true,
          query: { type: request.query.type },
        });
      prices.remember(
        body.items.map((a) => ({ assetId: a.id, price: a.price, currency: a.currency, at: a.priceTime })),
      );
      return { items: body.items.map((a) => toAsset(a)) };
    },
  );

  contractRoute(app, contract, 'GET', '/api/portfolio', async (request) => {
    const { customerId, accounts } = await customerAccounts(request, downstreams);
    const accountIds = accounts.map((a) => a.id).join(',');
    const call = callContext(request);
    // Independent calls in parallel; prices may fail without failing the portfolio.
    const [holdings, open, priced] = await Promise.all([
      accountIds
        ? downstreams
            .get('accounts')
            .call<Accounts['schemas']['HoldingList']>('GET', 'holdings', call, {
              idempotent: true,
              query: { accountIds },
            })
            .then((r) => r.body.items)
        : Promise.resolve([]),
      accountIds
        ? downstreams
            .get('orders')
            .call<Orders['schemas']['OrderViewPage']>('GET', 'orders', call, {
              idempotent: true,
              query: { accountIds, status: 'open', size: 200 },
            })
            .then((r) => r.body.items)
        : Promise.resolve([]),
      currentPrices(request),
    ]);
    let total = new Decimal(0);
    let totalCost = new Decimal(0);
    const rows = holdings.map((h) => {
      const price = priced?.get(h.assetId)?.price ?? null;
      const value = holdingValue(h.quantity, price);
      const costBasis = minorToMoney(h.costBasisMinor);
      if (value !== null) total = total.plus(value);
      totalCost = totalCost.plus(costBasis);
      return {
        accountId: h.accountId,
        assetId: h.assetId,
        quantity: h.quantity,
        reservedQuantity: h.reservedQuantity,
        price,
        value,
        costBasis,
        unrealizedPnl: unrealizedPnl(value, costBasis),
      };
    });
    const available = priced !== null && rows.every((r) => r.price !== null);
    const times = priced ? [...priced.values()].map((p) => p.at).sort() : [];
    return {
      customerId,
      accounts: accounts.map(toAccount),
      holdings: rows,
      openOrders: open.map((o) => toOrder(o as ServiceOrder)),
      valuation: {
        available,
        stale: priced !== null && [...priced.values()].some((p) => p.stale),
        totalValue: available ? total.toFixed(2) : null,
        totalCostBasis: totalCost.toFixed(2),
        totalUnrealizedPnl: available ? unrealizedPnl(total.toFixed(2), totalCost.toFixed(2)) : null,
        asOf: times.length > 0 ? (times[0] as string) : null,
      },
    };
  });

  // The ticket and the invest page estimate the fee and explain the minimums before submitting:
  // the fee schedule is the accounts service's, the minimums the orders and strategies services'
  // (the ones they enforce), passed through in money strings (the services speak minor units).
  contractRoute(app, contract, 'GET', '/api/fees', async (request) => {
    requireUser(request);
    const call = callContext(request);
    const [fees, orderRules, investmentRules] = await Promise.all([
      downstreams
        .get('accounts')
        .call<Accounts['schemas']['FeeSchedule']>('GET', 'fees', call, { idempotent: true }),
      downstreams
        .get('orders')
        .call<Orders['schemas']['OrderRules']>('GET', 'order-rules', call, { idempotent: true }),
      downstreams
        .get('strategies')
        .call<Strategies['schemas']['InvestmentRules']>('GET', 'investment-rules', call, {
          idempotent: true,
        }),
    ]);
    return {
      ratePercent: fees.body.ratePercent,
      minimum: minorToMoney(fees.body.minimumMinor),
      minimumOrderValue: minorToMoney(orderRules.body.minimumOrderValueMinor),
      minimumInvestment: minorToMoney(investmentRules.body.minimumInvestmentMinor),
    };
  });

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
    const { body } = await downstreams
      .get('orders')
      .call<Orders['schemas']['OrderViewPage']>('GET', 'orders', callContext(request), {
        idempotent: true,
        query: {
          accountIds,
          status: status ? STATUS_FILTER[status] : undefined,
          assetId,
          from,
          to,
          page,
          size,
        },
      });
    const items = body.items
      .map((o) => toOrder(o as ServiceOrder))
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
    const { body } = await downstreams
      .get('orders')
      .call<Orders['schemas']['OrderViewResult']>(
        'GET',
        `orders/${encodeURIComponent(id)}`,
        callContext(request),
        { idempotent: true, query: { minVersion } },
      );
    if (!body.order) throw notFound(`Order ${id}`);
    await assertCanSeeAccount(request, downstreams, body.order.accountId, `Order ${id}`);
    return {
      order: body.order as ServiceOrder,
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
      if (body.type === 'limit' && body.limitPrice === undefined) {
        throw new ApiError(422, 'limit_price_required', 'A limit order needs a limit price', [
          { field: 'body.limitPrice', reason: 'required for limit orders' },
        ]);
      }
      if (body.type === 'market' && body.limitPrice !== undefined) {
        throw new ApiError(422, 'limit_price_not_allowed', 'A market order has no limit price', [
          { field: 'body.limitPrice', reason: 'only for limit orders' },
        ]);
      }
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
        const res = await downstreams
          .get('orders')
          .call<Orders['schemas']['OrderCommandResult']>('POST', 'orders', callContext(request), {
            // The key makes the command safe to repeat, so it may be retried.
            idempotent: true,
            headers: { 'Idempotency-Key': scopedIdempotencyKey(requireUser(request).id, key) },
            body: {
              accountId: body.accountId,
              assetId: body.assetId,
              side: body.side,
              type: body.type,
              quantity: body.quantity,
              ...(body.limitPrice ? { limitPrice: body.limitPrice } : {}),
              source: { kind: 'customer' },
            },
          });
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
        const res = await downstreams
          .get('orders')
          .call<Orders['schemas']['CancelResult']>(
            'POST',
            `orders/${encodeURIComponent(order.id)}/cancel`,
            callContext(request),
            { idempotent: true },
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
