import { useApi } from '@simplebank/platform';
import { addDecimals } from '@simplebank/ui';
import { useQueries } from '@tanstack/react-query';
import { historyQuery } from '../../../shared/api/history.ts';
import type { ValuedHolding } from './useValuedHoldings.ts';
import { valueOverTime } from './value-over-time.ts';

/**
 * The value of the holdings in `currency` over the market's recent history (an hour at most), and
 * their value now (live prices), which extends the line as prices are pushed.
 */
export function useValueOverTime(holdings: ValuedHolding[], currency: string) {
  const api = useApi();
  const counted = holdings.filter((holding) => holding.currency === currency);
  const quantities = new Map<string, string>();
  for (const holding of counted)
    quantities.set(holding.assetId, addDecimals(quantities.get(holding.assetId) ?? '0', holding.quantity));
  const assetIds = [...quantities.keys()].sort();
  const histories = useQueries({ queries: assetIds.map((id) => historyQuery(api, id, '1h')) });
  const loaded = histories.every((history) => history.isSuccess);
  const failed = histories.find((history) => history.isError);
  // Cheap enough to recompute on every render (a point per 10 s of an hour at most, per asset).
  const points = loaded
    ? valueOverTime(quantities, new Map(assetIds.map((id, index) => [id, histories[index]!.data!.points])))
    : [];
  const values = counted.map((holding) => holding.value);
  const priceTimes = counted.map((holding) => holding.asset?.priceTime).filter((at) => at != null);
  const now =
    values.every((value) => value !== null) && priceTimes.length > 0
      ? { price: addDecimals(...(values as string[])), at: priceTimes.sort().at(-1)! }
      : null;
  return { points, now, isPending: assetIds.length > 0 && !loaded && !failed, error: failed?.error ?? null };
}
