import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type CustomerOverview = Schema<'CustomerOverview'>;
export const CUSTOMERS_PAGE_SIZE = 20;

/** GET /api/admin/customers: one page, composed in the BFF with one bulk call per service. */
export function customersQuery(api: ApiClient, page: number) {
  return queryOptions({
    queryKey: queryKeys.customers(page),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/admin/customers', {
          params: { query: { page, size: CUSTOMERS_PAGE_SIZE } },
          signal,
        }),
      ),
    // Paging keeps the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}
