import { useApi } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { historyQuery, withLivePrice, type HistoryRange } from '../../../shared/api/history.ts';

/**
 * One asset's history and quote, kept live: the asset list is updated by every pushed price
 * (useLivePrices), and its latest price extends the quote here and the chart's line.
 */
export function useLiveQuote(assetId: string, range: HistoryRange = '1d') {
  const api = useApi();
  const history = useQuery(historyQuery(api, assetId, range));
  const asset = useAssets().byId.get(assetId);
  const quote = history.data?.quote
    ? withLivePrice(history.data.quote, asset?.price ?? null, asset?.priceTime ?? null)
    : null;
  return { history, asset, quote };
}
