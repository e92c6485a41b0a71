import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from './query-keys.ts';

export type Asset = Schema<'Asset'>;

/** GET /api/assets, to name the assets of an allocation. Names rarely change: cache for a while. */
export function assetsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.assets(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/assets', { signal })).items,
    staleTime: 5 * 60_000,
  });
}
