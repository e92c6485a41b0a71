import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type CustomerOverview = Schema<'CustomerOverview'>;
export const CUSTOMERS_PAGE_SIZE = 20;

export const CUSTOMER_FILTER_KEYS = ['search', 'page'] as const;
/** How long the search box waits after the last keystroke before asking the BFF. */
export const CUSTOMER_SEARCH_DEBOUNCE_MS = 300;

/**
 * GET /api/admin/customers: one page of the customers matching `search` (name or id, matched by
 * the accounts service), composed in the BFF with one bulk call per service.
 */
export function customersQuery(api: ApiClient, page: number, search = '') {
  const text = search.trim();
  return queryOptions({
    queryKey: queryKeys.customers(page, text),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/admin/customers', {
          params: { query: { page, size: CUSTOMERS_PAGE_SIZE, ...(text ? { search: text } : {}) } },
          signal,
        }),
      ),
    // Paging keeps the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}
