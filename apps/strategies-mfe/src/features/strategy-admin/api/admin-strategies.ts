import type { ApiClient } from '@simplebank/platform';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { StrategyStatus } from '../../../shared/api/strategies.ts';

/** GET /api/strategies (admin): every strategy, or those with one status. */
export function adminStrategiesQuery(api: ApiClient, status: StrategyStatus | undefined) {
  return queryOptions({
    queryKey: queryKeys.adminList(status),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/strategies', { params: { query: status ? { status } : {} }, signal })).items,
  });
}
