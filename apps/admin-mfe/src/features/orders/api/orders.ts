import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type Order = Schema<'Order'>;
export type OrderPage = Schema<'OrderPage'>;
export type OrderStatus = Schema<'OrderStatus'>;
export type OrderTimeline = Schema<'OrderTimeline'>;

/** `from` (inclusive) and `to` (exclusive) are ISO date-times, as the BFF takes them. */
export const ORDER_FILTER_KEYS = ['status', 'assetId', 'customerId', 'from', 'to', 'page'] as const;
export type OrderFilters = Partial<Record<(typeof ORDER_FILTER_KEYS)[number], string>>;
export const ORDERS_PAGE_SIZE = 20;

/** Every order status, for the screen's filter (openapi/src/order-status.ts). */
export { ORDER_STATUSES } from '@simplebank/openapi';

/** GET /api/admin/orders with the screen's filters, newest first. */
export function adminOrdersQuery(api: ApiClient, filters: OrderFilters) {
  return queryOptions({
    queryKey: queryKeys.orderList(filters),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/admin/orders', {
          params: {
            query: {
              page: filters.page ? Number(filters.page) : 1,
              size: ORDERS_PAGE_SIZE,
              status: filters.status as OrderStatus | undefined,
              assetId: filters.assetId,
              customerId: filters.customerId,
              from: filters.from,
              to: filters.to,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/orders/{id}/timeline: the saga log of one order. */
export function orderTimelineQuery(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: queryKeys.orderTimeline(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/admin/orders/{id}/timeline', { params: { path: { id } }, signal })),
  });
}

/** The assets, for the asset filter and to show symbols instead of ids. */
export function assetsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.assets(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/assets', { signal })).items,
    staleTime: 5 * 60_000,
  });
}

/** The customers, for the customer filter (the first 100 are enough to pick from). */
export function customerOptionsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.customerOptions(),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/admin/customers', { params: { query: { page: 1, size: 100 } }, signal }),
      ).items.map((row) => row.customer),
    staleTime: 60_000,
  });
}

/**
 * A pushed order view applied to a cached page: replaced when newer than the cached one. Returns
 * null when the order is not on the page (the caller refetches: whether it belongs there depends on
 * the filters and paging the BFF applies).
 */
export function applyOrderUpdate(page: OrderPage, order: Order): OrderPage | null {
  const index = page.items.findIndex((item) => item.id === order.id);
  if (index === -1) return null;
  const current = page.items[index]!;
  if (current.version >= order.version) return page;
  const items = page.items.slice();
  items[index] = { ...order, customerId: order.customerId ?? current.customerId };
  return { ...page, items };
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** `YYYY-MM-DD` (a date input, the admin's time zone) → the instant that day starts, or null. */
function startOfDay(day: string, plusDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The "created from" day → `from`: the start of that day (inclusive). */
export const fromDayToParam = (day: string) => startOfDay(day)?.toISOString();
/** The "created until" day → `to`: the start of the next day (exclusive), so the whole day is in. */
export const untilDayToParam = (day: string) => startOfDay(day, 1)?.toISOString();
/** `from` → the day shown in the "created from" input. */
export function fromParamToDay(param: string | undefined): string {
  const time = param ? Date.parse(param) : NaN;
  return Number.isNaN(time) ? '' : localDay(new Date(time));
}
/** `to` (exclusive) → the last day it covers, shown in the "created until" input. */
export function untilParamToDay(param: string | undefined): string {
  const time = param ? Date.parse(param) : NaN;
  return Number.isNaN(time) ? '' : localDay(new Date(time - 1));
}
