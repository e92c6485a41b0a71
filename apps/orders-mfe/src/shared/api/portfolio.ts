import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from './query-keys.ts';

export type Portfolio = Schema<'Portfolio'>;
export type Account = Schema<'Account'>;
export type Holding = Schema<'Holding'>;

/** GET /api/portfolio: accounts, cash, holdings with valuations, open orders. */
export function portfolioQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.portfolio(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/portfolio', { signal })),
  });
}
