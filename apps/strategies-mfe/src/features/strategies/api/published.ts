import type { ApiClient } from '@simplebank/platform';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

/** GET /api/strategies?status=published: what a customer can invest in. */
export function publishedStrategiesQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.published(),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/strategies', { params: { query: { status: 'published' } }, signal })).items,
  });
}
