import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { unwrap } from '@simplebank/platform';
import { compareDecimals, subtractDecimals } from '@simplebank/ui';
import { queryOptions } from '@tanstack/react-query';
import { queryKeys } from './query-keys.ts';

export type AssetHistory = Schema<'AssetHistory'>;
export type HistoryRange = Schema<'HistoryRange'>;
export type PriceQuote = Schema<'PriceQuote'>;

/**
 * GET /api/assets/{assetId}/history. Loaded once per asset and range: pushed prices extend it on
 * screen (useLiveQuote), so it is not refetched while the page is open.
 */
export function historyQuery(api: ApiClient, assetId: string, range: HistoryRange = '1d') {
  return queryOptions({
    queryKey: queryKeys.history(assetId, range),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/assets/{assetId}/history', {
          params: { path: { assetId }, query: { range } },
          signal,
        }),
      ),
    staleTime: Infinity,
    enabled: assetId !== '',
  });
}

/**
 * The change from `open` to `last` in percent, two decimals, for display. The ratio is computed in
 * binary floating point on purpose: it is rounded to hundredths of a percent for reading, never
 * stored or summed, unlike amounts (which stay decimal strings).
 */
export function changePercent(open: string, last: string): string {
  const from = Number(open);
  if (!Number.isFinite(from) || from === 0) return '0.00';
  return (((Number(last) - from) / from) * 100).toFixed(2);
}

/** The quote with the live price applied: last, high, low and change follow it. */
export function withLivePrice(quote: PriceQuote, price: string | null, at: string | null): PriceQuote {
  if (price === null || at === null || Date.parse(at) <= Date.parse(quote.to)) return quote;
  return {
    ...quote,
    last: price,
    high: compareDecimals(price, quote.high) > 0 ? price : quote.high,
    low: compareDecimals(price, quote.low) < 0 ? price : quote.low,
    change: subtractDecimals(price, quote.open),
    changePercent: changePercent(quote.open, price),
    to: at,
  };
}
