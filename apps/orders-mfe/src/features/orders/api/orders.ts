import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '../../../shared/api/api-error.ts';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type Order = Schema<'Order'>;
export type OrderStatus = Schema<'OrderStatus'>;
export type OrderPage = Schema<'OrderPage'>;

export interface OrderFilter {
  status?: OrderStatus;
  page: number;
}

export const PAGE_SIZE = 20;

/** GET /api/orders: the customer's orders, newest first, one page. */
export function ordersQuery(api: ApiClient, filter: OrderFilter) {
  return queryOptions({
    queryKey: queryKeys.orderList(filter),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/orders', {
          params: {
            query: {
              page: filter.page,
              size: PAGE_SIZE,
              ...(filter.status ? { status: filter.status } : {}),
            },
          },
          signal,
        }),
      ),
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * A page with a pushed order view applied. A known order is replaced only by a newer version
 * (pushes may arrive late or twice); an unknown one that matches the filter is put on top of
 * page 1, where the newest orders are.
 */
export function applyOrderUpdate(page: OrderPage, order: Order, filter: OrderFilter): OrderPage {
  const index = page.items.findIndex((item) => item.id === order.id);
  if (index !== -1) {
    const current = page.items[index]!;
    if (current.version >= order.version) return page;
    const stillMatches = !filter.status || order.status === filter.status;
    const items = stillMatches
      ? page.items.map((item) => (item.id === order.id ? order : item))
      : page.items.filter((item) => item.id !== order.id);
    return { ...page, items, total: stillMatches ? page.total : page.total - 1 };
  }
  if (filter.page !== 1 || (filter.status && order.status !== filter.status)) return page;
  return { ...page, items: [order, ...page.items].slice(0, page.size), total: page.total + 1 };
}
