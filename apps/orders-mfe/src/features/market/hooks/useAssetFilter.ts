import { useMemo, useState } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';

export type AssetTypeFilter = Asset['type'] | 'all';

/** Search by symbol or name (case-insensitive) and narrow by asset type. */
export function useAssetFilter(assets: Asset[] | undefined) {
  const [search, setSearch] = useState('');
  const [type, setType] = useState<AssetTypeFilter>('all');
  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (assets ?? []).filter(
      (asset) =>
        (type === 'all' || asset.type === type) &&
        (!needle || asset.symbol.toLowerCase().includes(needle) || asset.name.toLowerCase().includes(needle)),
    );
  }, [assets, search, type]);
  return { search, setSearch, type, setType, visible };
}
