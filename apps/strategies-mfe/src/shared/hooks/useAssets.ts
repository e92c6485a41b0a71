import { useApi } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { assetsQuery, type Asset } from '../api/assets.ts';

/** Assets by id, to show a symbol and name for each allocation. */
export function useAssetsById(): Map<string, Asset> {
  const api = useApi();
  const { data } = useQuery(assetsQuery(api));
  return useMemo(() => new Map((data ?? []).map((asset) => [asset.id, asset])), [data]);
}
