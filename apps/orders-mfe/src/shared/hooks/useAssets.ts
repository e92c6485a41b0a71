import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { assetsQuery, type Asset } from '../api/assets.ts';

/**
 * The asset list (kept live by useLivePrices) and two lookups by id: `byId` changes with every
 * price tick; `catalog` only when the listed assets change, for screens that show names and
 * symbols but no price (order tables), so price pushes do not re-render them.
 */
export function useAssets() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const query = useQuery({ ...assetsQuery(api), ...live });
  const byId = useMemo(
    () => new Map<string, Asset>((query.data ?? []).map((asset) => [asset.id, asset])),
    [query.data],
  );
  const listed = (query.data ?? [])
    .map((asset) => `${asset.id}\u0000${asset.symbol}\u0000${asset.name}`)
    .join('\u0001');
  // Deliberately keyed on `listed` only: the map captured when the listing last changed.
  const catalog = useMemo(() => byId, [listed]);
  return { ...query, byId, catalog };
}
