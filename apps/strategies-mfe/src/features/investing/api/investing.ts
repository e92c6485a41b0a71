import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { keepNewestVersion } from '../../../shared/api/newest-version.ts';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type Investment = Schema<'Investment'>;
export type Account = Schema<'Account'>;
export type Holding = Schema<'Holding'>;

/** GET /api/portfolio: the customer's accounts (cash to invest from) and holdings. */
export function portfolioQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.accounts(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/portfolio', { signal })),
  });
}

/** GET /api/fees: the order fee schedule; each generated order pays one fee. */
export function feesQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.fees(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/fees', { signal })),
    staleTime: 10 * 60_000,
  });
}

export function investmentQuery(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: queryKeys.investment(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/investments/{id}', { params: { path: { id } }, signal })),
    structuralSharing: keepNewestVersion,
  });
}

/** GET /api/investments: the customer's latest investments, newest first (one page is enough here). */
export function myInvestmentsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.myInvestments(),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/investments', { params: { query: { page: 1, size: 10 } }, signal })).items,
  });
}

/** POST /api/strategies/{id}/investments; the key makes a retried or double-sent request one investment. */
export async function invest(
  api: ApiClient,
  strategyId: string,
  body: Schema<'InvestRequest'>,
  idempotencyKey: string,
): Promise<Investment> {
  return unwrap(
    await api.POST('/api/strategies/{id}/investments', {
      params: { path: { id: strategyId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}
