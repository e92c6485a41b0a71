import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type SystemState = Schema<'SystemState'>;
export type ReadModelLag = Schema<'ReadModelLag'>;

/** GET /api/admin/system: the services behind the BFF, their health and breakers. Polled every few seconds: health has no push topic. */
export function systemQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.system(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/admin/system', { signal })),
    refetchInterval: 5_000,
  });
}
