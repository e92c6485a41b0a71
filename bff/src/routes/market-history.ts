import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import Decimal from 'decimal.js';
import { contractRoute } from '../http/contract-route.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import type { BffContext } from '../context.ts';

type S = components['schemas'];
type HistoryRange = S['HistoryRange'];

const RANGE_MS: Record<HistoryRange, number> = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '1d': 24 * 60 * 60_000,
};

/** The most ticks the market's getPriceHistory answers (openapi/services/market.yaml). */
const MARKET_HISTORY_LIMIT = 1000;

/** The points' summary: first, last, high, low and the change from first to last (bff.yaml PriceQuote). */
export function quoteOf(points: S['PricePoint'][]): S['PriceQuote'] | null {
  const first = points[0];
  const newest = points.at(-1);
  if (!first || !newest) return null;
  const open = new Decimal(first.price);
  const last = new Decimal(newest.price);
  let high = open;
  let low = open;
  for (const point of points) {
    const price = new Decimal(point.price);
    if (price.gt(high)) high = price;
    if (price.lt(low)) low = price;
  }
  // Prices come formatted at the asset's quoting precision ("121.10"); the figures keep it. Read
  // from the text: Decimal drops trailing zeros.
  const places = Math.max(...points.map((point) => point.price.split('.')[1]?.length ?? 0));
  const change = last.minus(open);
  return {
    open: first.price,
    last: newest.price,
    high: high.toFixed(places),
    low: low.toFixed(places),
    change: change.toFixed(places),
    changePercent: open.isZero() ? '0.00' : change.div(open).times(100).toFixed(2, Decimal.ROUND_HALF_UP),
    from: first.at,
    to: newest.at,
  };
}

/**
 * GET /api/assets/{assetId}/history: the trade screen's chart and quote. The market keeps a bounded
 * tick history; this asks for all of it and keeps what falls in the range. Kept apart from the other
 * market route (routes/assets.ts) so the chart's contract has a file of its own.
 */
export function marketHistoryRoutes(app: FastifyInstance, ctx: BffContext, downstreams: Downstreams): void {
  contractRoute<{ Params: { assetId: string }; Querystring: { range?: HistoryRange } }>(
    app,
    ctx.contract,
    'GET',
    '/api/assets/{assetId}/history',
    async (request) => {
      const range = request.query.range ?? '1d';
      const market = downstreams.api('market', callContext(request));
      const assetId = request.params.assetId;
      // Both answer 404 for an unknown asset, which the error handler passes on as the BFF's 404.
      const [asset, history] = await Promise.all([
        ok(market.GET('/assets/{assetId}', { params: { path: { assetId } } })),
        ok(
          market.GET('/assets/{assetId}/history', {
            params: { path: { assetId }, query: { limit: MARKET_HISTORY_LIMIT } },
          }),
        ),
      ]);
      const since = Date.now() - RANGE_MS[range];
      const points = history.body.items
        .filter((item) => Date.parse(item.at) >= since)
        .map((item) => ({ price: item.price, at: new Date(item.at).toISOString() }));
      return {
        assetId: asset.body.id,
        currency: asset.body.currency,
        range,
        points,
        quote: quoteOf(points),
      } satisfies S['AssetHistory'];
    },
  );
}
