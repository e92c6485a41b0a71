import { http } from '../http.ts';
import { errorBody, networkDelay, notFound, unauthorized, type MockContext } from '../context.ts';
import { add, multiply, subtract } from '../decimal.ts';
import { HISTORY_RANGES, priceHistory, quoteOf, type HistoryRange } from '../simulation/price-history.ts';
import type { Holding, Order } from '../types.ts';

const OPEN: Order['status'][] = ['pending', 'reserved', 'placed', 'cancelling'];

/** GET /api/assets: the asset list with the last known price (stale when the market is down). */
export function assetHandlers(ctx: MockContext) {
  return [
    http.get('/api/assets', async ({ query, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const type = query.get('type');
      const assets = ctx.db.state.assets
        .filter((asset) => !type || asset.type === type)
        .map((asset) => ({ ...asset, priceStale: !ctx.db.state.pricesAvailable && asset.price !== null }));
      return response(200).json({ items: assets });
    }),
    http.get('/api/assets/{assetId}/history', async ({ params, query, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const range = query.get('range') ?? '1d';
      if (!HISTORY_RANGES.includes(range as HistoryRange))
        return response(400).json(
          errorBody('validation_failed', 'The request does not match the contract.', [
            {
              field: 'query.range',
              reason: `must be equal to one of the allowed values: ${HISTORY_RANGES.join(', ')}`,
            },
          ]),
        );
      const asset = ctx.db.asset(params.assetId);
      if (!asset) return response(404).json(notFound('The asset'));
      if (!ctx.db.state.pricesAvailable)
        return response(503).json(errorBody('unavailable', 'Market data is unavailable.'));
      const points =
        asset.price && asset.priceTime
          ? priceHistory(asset.id, asset.price, asset.priceTime, range as HistoryRange)
          : [];
      return response(200).json({
        assetId: asset.id,
        currency: asset.currency,
        range: range as HistoryRange,
        points,
        quote: quoteOf(points),
      });
    }),
  ];
}

/** GET /api/portfolio: the customer's accounts, holdings valued at the current price, open orders. */
export function portfolioHandlers(ctx: MockContext) {
  return [
    http.get('/api/portfolio', async ({ response }) => {
      await networkDelay(ctx);
      const user = ctx.user;
      if (!user) return response(401).json(unauthorized());
      if (!user.customerId)
        return response(403).json(errorBody('forbidden', 'Only customers have a portfolio.'));
      const accounts = ctx.db.accountsOf(user.customerId);
      const accountIds = new Set(accounts.map((account) => account.id));
      const available = ctx.db.state.pricesAvailable;
      const holdings: Holding[] = ctx.db.state.holdings
        .filter((holding) => accountIds.has(holding.accountId))
        .map((holding) => {
          const price = available ? (ctx.db.asset(holding.assetId)?.price ?? null) : null;
          const value = price === null ? null : multiply(holding.quantity, price);
          const unrealizedPnl = value === null ? null : subtract(value, holding.costBasis);
          return { ...holding, price, value, unrealizedPnl };
        });
      const values = holdings
        .map((holding) => holding.value)
        .filter((value): value is string => value !== null);
      const totalCostBasis = add(holdings.map((holding) => holding.costBasis));

      return response(200).json({
        customerId: user.customerId,
        accounts,
        holdings,
        openOrders: ctx.db.state.orderViews.filter(
          (order) => accountIds.has(order.accountId) && OPEN.includes(order.status),
        ),
        valuation: {
          available,
          stale: false,
          totalValue: available ? add(values) : null,
          totalCostBasis,
          totalUnrealizedPnl: available
            ? add(
                holdings.map((holding) => holding.unrealizedPnl).filter((pnl): pnl is string => pnl !== null),
              )
            : null,
          asOf: available ? new Date().toISOString() : null,
        },
      });
    }),
  ];
}
