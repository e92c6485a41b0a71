import type { ApiClient } from '@simplebank/platform';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { keepNewestVersion } from './newest-version.ts';
import { queryKeys } from './query-keys.ts';

/** GET /api/strategies/{id}: customers get published ones only (404 otherwise). */
export function strategyQuery(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: queryKeys.strategy(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/strategies/{id}', { params: { path: { id } }, signal })),
    structuralSharing: keepNewestVersion,
  });
}
