import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import { portfolioQuery } from '../../../shared/api/portfolio.ts';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { changePercent, historyQuery } from '../../../shared/api/history.ts';

/** How many assets the watchlist follows: enough to compare, few enough for one history each. */
export const WATCHLIST_SIZE = 8;

export interface WatchedAsset {
  asset: Asset;
  /** Change since the oldest price of its history, with the live price; null until known. */
  changePercent: string | null;
}

/**
 * The assets the customer most likely follows: the ones they hold first, then priced shares and
 * funds in the market's order, `WATCHLIST_SIZE` in all, each with its live price and change.
 */
export function useWatchlist(): { items: WatchedAsset[]; isPending: boolean } {
  const api = useApi();
  const live = useLiveQueryOptions();
  const assets = useAssets();
  const portfolio = useQuery({ ...portfolioQuery(api), ...live });
  const heldIds = useMemo(
    () => [...new Set((portfolio.data?.holdings ?? []).map((holding) => holding.assetId))],
    [portfolio.data],
  );
  const watched = useMemo(() => {
    const all = assets.data ?? [];
    const held = heldIds.map((id) => all.find((asset) => asset.id === id)).filter((a) => a !== undefined);
    const others = all.filter(
      (asset) =>
        !heldIds.includes(asset.id) && asset.price !== null && ['share', 'fund'].includes(asset.type),
    );
    return [...held, ...others].slice(0, WATCHLIST_SIZE);
  }, [assets.data, heldIds]);
  const histories = useQueries({ queries: watched.map((asset) => historyQuery(api, asset.id)) });
  return {
    isPending: assets.isPending,
    items: watched.map((asset, index) => {
      const open = histories[index]?.data?.quote?.open;
      return {
        asset,
        changePercent: open && asset.price ? changePercent(open, asset.price) : null,
      };
    }),
  };
}
