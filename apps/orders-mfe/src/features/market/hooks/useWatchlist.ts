import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import { portfolioQuery } from '../../../shared/api/portfolio.ts';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { dailyChangePercent } from '../../../shared/api/trading-day.ts';

/** How many assets the watchlist follows: enough to compare, few enough to take in at a glance. */
export const WATCHLIST_SIZE = 8;

export interface WatchedAsset {
  asset: Asset;
  /**
   * Change since the day's open, with the live price; null without a price. From the asset list
   * alone (its `day`), so the watchlist loads no price history of its own.
   */
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
  return {
    isPending: assets.isPending,
    items: watched.map((asset) => ({ asset, changePercent: dailyChangePercent(asset) })),
  };
}
