import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { useRef } from 'react';
import { applyPriceTick, type Asset, type PriceTick } from '../api/assets.ts';
import { queryKeys } from '../api/query-keys.ts';

/**
 * Writes pushed prices into the cached asset list, so every screen showing a price (market watch,
 * portfolio valuations) updates without a refetch. A tick older than one already applied for
 * the same asset is dropped: a price never goes back to an older state.
 */
export function useLivePrices(): void {
  const queryClient = usePlatformQueryClient();
  const versions = useRef(new Map<string, number>());
  useRealtime<PriceTick>('prices', (tick) => {
    if ((versions.current.get(tick.assetId) ?? -1) >= tick.version) return;
    versions.current.set(tick.assetId, tick.version);
    queryClient.setQueryData<Asset[]>(queryKeys.assets(), (assets) =>
      assets ? applyPriceTick(assets, tick) : assets,
    );
  });
}
