import type { FastifyInstance } from 'fastify';
import Decimal from 'decimal.js';
import { contractRoute } from '../http/contract-route.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { DownstreamUnavailable } from '../downstream/service-client.ts';
import { ok } from '../downstream/typed-client.ts';
import { holdingValue, minorToMoney, toAccount, toOrder, unrealizedPnl } from '../downstream/mapping.ts';
import type { KnownPrice, PriceCache } from '../downstream/price-cache.ts';
import type { BffContext } from '../context.ts';
import { customerAccounts } from '../access/ownership.ts';

export interface PortfolioDeps {
  downstreams: Downstreams;
  prices: PriceCache;
}

/** GET /api/portfolio: accounts, holdings valued at current (or last known) prices, open orders. */
export function portfolioRoutes(app: FastifyInstance, ctx: BffContext, deps: PortfolioDeps): void {
  const { contract } = ctx;
  const { downstreams, prices } = deps;

  /** Current prices, or the last known ones (stale) when the market is down; null when none. */
  async function currentPrices(
    request: Parameters<typeof callContext>[0],
  ): Promise<Map<string, KnownPrice> | null> {
    try {
      const { body } = await ok(downstreams.api('market', callContext(request)).GET('/prices'));
      return prices.remember(body.items);
    } catch (err) {
      if (!(err instanceof DownstreamUnavailable)) throw err;
      request.log.warn({ err: err.message }, 'market unavailable: falling back to last known prices');
      return prices.lastKnown();
    }
  }

  contractRoute(app, contract, 'GET', '/api/portfolio', async (request) => {
    const { customerId, accounts } = await customerAccounts(request, downstreams);
    const accountIds = accounts.map((a) => a.id).join(',');
    const call = callContext(request);
    // Independent calls in parallel; prices may fail without failing the portfolio.
    const [holdings, open, priced] = await Promise.all([
      accountIds
        ? ok(downstreams.api('accounts', call).GET('/holdings', { params: { query: { accountIds } } })).then(
            (r) => r.body.items,
          )
        : Promise.resolve([]),
      accountIds
        ? ok(
            downstreams
              .api('orders', call)
              .GET('/orders', { params: { query: { accountIds, status: 'open', size: 200 } } }),
          ).then((r) => r.body.items)
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
      openOrders: open.map((o) => toOrder(o)),
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
}
