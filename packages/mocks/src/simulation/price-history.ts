// A price history for the mocks' GET /api/assets/{assetId}/history: a seeded walk that ends at the
// asset's current price, so a standalone chart and the asset list agree on the last price.
import { compare, divide, movePrice, multiply, subtract } from '../decimal.ts';
import type { Schema } from '@simplebank/openapi';
import { seededRandom } from './prices.ts';

type PricePoint = Schema<'PricePoint'>;
type PriceQuote = Schema<'PriceQuote'>;
export type HistoryRange = Schema<'HistoryRange'>;

export const HISTORY_RANGES: HistoryRange[] = ['5m', '15m', '1h', '1d'];
const RANGE_MS: Record<HistoryRange, number> = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '1d': 24 * 60 * 60_000,
};
/** Like the market service: a bounded number of recent ticks (openapi/services/market.yaml). */
const POINTS = 120;
const STEP_MS = 5_000;

function seedOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** `POINTS` prices, `STEP_MS` apart, oldest first, the newest `price` at `at`; then cut to `range`. */
export function priceHistory(assetId: string, price: string, at: string, range: HistoryRange): PricePoint[] {
  const random = seededRandom(seedOf(assetId));
  const end = Date.parse(at);
  const points: PricePoint[] = [{ price, at: new Date(end).toISOString() }];
  let current = price;
  for (let i = 1; i < POINTS; i += 1) {
    current = movePrice(current, Math.round((random() * 2 - 1) * 30));
    points.unshift({ price: current, at: new Date(end - i * STEP_MS).toISOString() });
  }
  // Measured from the newest price, not from now: fixture times are fixed (fixtures/time.ts).
  return points.filter((point) => Date.parse(point.at) >= end - RANGE_MS[range]);
}

/** First, last, high, low and change, as the BFF sums up a history (bff/src/routes/market-history.ts). */
export function quoteOf(points: PricePoint[]): PriceQuote | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const digits = first.price.split('.')[1]?.length ?? 0;
  let high = first.price;
  let low = first.price;
  for (const { price } of points) {
    if (compare(price, high) > 0) high = price;
    if (compare(price, low) < 0) low = price;
  }
  const change = subtract(last.price, first.price, digits);
  return {
    open: first.price,
    last: last.price,
    high,
    low,
    change,
    changePercent: divide(multiply(change, '100', digits + 2), first.price, 2),
    from: first.at,
    to: last.at,
  };
}
