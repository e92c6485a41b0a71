import { useApi } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { assetsQuery, type Asset } from '../api/assets.ts';

/** The asset list (kept live by useLivePrices) and a lookup by id for screens that show ids. */
export function useAssets() {
  const api = useApi();
  const query = useQuery(assetsQuery(api));
  const byId = useMemo(
    () => new Map<string, Asset>((query.data ?? []).map((asset) => [asset.id, asset])),
    [query.data],
  );
  return { ...query, byId };
}
