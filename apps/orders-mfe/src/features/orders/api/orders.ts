import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { knownOrdersOf, type KnownOrders } from './known-orders.ts';

export type Order = Schema<'Order'>;
export type OrderStatus = Schema<'OrderStatus'>;
export type OrderPage = Schema<'OrderPage'>;
export type PlaceOrderRequest = Schema<'PlaceOrderRequest'>;

export interface OrderFilter {
  status?: OrderStatus;
  accountId?: string;
  assetId?: string;
  /** Created at or after this instant (ISO 8601). */
  from?: string;
  /** Created before this instant (ISO 8601). */
  to?: string;
  page: number;
}

export const PAGE_SIZE = 20;

/** Statuses from which the saga still accepts a cancel (docs/DOMAIN.md: until the order executes). */
export const CANCELLABLE: OrderStatus[] = ['pending', 'reserved', 'placed'];

const OPTIMISTIC_PREFIX = 'optimistic-';

/** The id of the row shown while POST /api/orders is in flight; derived from the key so it is one row per ticket. */
export function optimisticId(idempotencyKey: string): string {
  return `${OPTIMISTIC_PREFIX}${idempotencyKey}`;
}

export function isOptimistic(order: Order): boolean {
  return order.id.startsWith(OPTIMISTIC_PREFIX);
}

/**
 * GET /api/orders: the customer's orders, newest first, one page. The read model lags behind
 * commands, so orders this browser already knows in a newer version (created, cancelled or pushed)
 * are merged in: a refetch never hides an accepted order or shows an older state.
 */
export function ordersQuery(api: ApiClient, filter: OrderFilter) {
  return queryOptions({
    queryKey: queryKeys.orderList(filter),
    queryFn: async ({ signal, client }) => {
      const page = unwrap(
        await api.GET('/api/orders', {
          params: {
            query: {
              page: filter.page,
              size: PAGE_SIZE,
              ...(filter.status ? { status: filter.status } : {}),
              ...(filter.accountId ? { accountId: filter.accountId } : {}),
              ...(filter.assetId ? { assetId: filter.assetId } : {}),
              ...(filter.from ? { from: filter.from } : {}),
              ...(filter.to ? { to: filter.to } : {}),
            },
          },
          signal,
        }),
      );
      return mergeKnownOrders(page, knownOrdersOf(client), filter);
    },
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  });
}

function matches(order: Order, filter: OrderFilter): boolean {
  return (
    (!filter.status || order.status === filter.status) &&
    (!filter.accountId || order.accountId === filter.accountId) &&
    (!filter.assetId || order.assetId === filter.assetId) &&
    (!filter.from || Date.parse(order.createdAt) >= Date.parse(filter.from)) &&
    (!filter.to || Date.parse(order.createdAt) < Date.parse(filter.to))
  );
}

/**
 * A page with an order view applied. A known order is replaced only by a newer version (pushes
 * may arrive late or twice); the optimistic row of the same ticket (same idempotency key) is
 * replaced by the real order, so it is never shown twice. An unknown order that matches the
 * filter is put on top of page 1, where the newest orders are.
 */
export function applyOrderUpdate(page: OrderPage, order: Order, filter: OrderFilter): OrderPage {
  // The ticket's real order is already here: its optimistic row must not come back.
  if (
    isOptimistic(order) &&
    page.items.some((item) => !isOptimistic(item) && item.idempotencyKey === order.idempotencyKey)
  )
    return page;
  const sameTicket = (item: Order) =>
    item.id !== order.id &&
    isOptimistic(item) &&
    order.idempotencyKey !== undefined &&
    item.idempotencyKey === order.idempotencyKey;
  const ticketRow = page.items.find(sameTicket);
  const base = ticketRow
    ? { ...page, items: page.items.filter((item) => item !== ticketRow), total: page.total - 1 }
    : page;
  const index = base.items.findIndex((item) => item.id === order.id);
  if (index !== -1) {
    const current = base.items[index]!;
    if (current.version >= order.version) return base;
    const stillMatches = matches(order, filter);
    const items = stillMatches
      ? base.items.map((item) => (item.id === order.id ? order : item))
      : base.items.filter((item) => item.id !== order.id);
    return { ...base, items, total: stillMatches ? base.total : base.total - 1 };
  }
  if (!matches(order, filter)) return base;
  if (ticketRow) {
    // The real order takes the optimistic row's place, wherever it was.
    const at = page.items.indexOf(ticketRow);
    const items = [...page.items];
    items[at] = order;
    return { ...page, items };
  }
  if (filter.page !== 1) return page;
  return { ...page, items: [order, ...page.items].slice(0, page.size), total: page.total + 1 };
}

/** The page without `id` (an optimistic row whose command failed). */
export function removeOrder(page: OrderPage, id: string): OrderPage {
  if (!page.items.some((item) => item.id === id)) return page;
  return { ...page, items: page.items.filter((item) => item.id !== id), total: page.total - 1 };
}

/**
 * Puts `previous` back in place of an optimistic change of the same order, unless a newer version
 * has arrived meanwhile (then the server's state wins and nothing is reverted).
 */
export function revertOrder(page: OrderPage, optimistic: Order, previous: Order): OrderPage {
  const index = page.items.findIndex((item) => item.id === optimistic.id);
  const current = index === -1 ? undefined : page.items[index];
  if (current?.version !== optimistic.version || current.status !== optimistic.status) return page;
  const items = [...page.items];
  items[index] = previous;
  return { ...page, items };
}

/** The order as the blotter shows it the moment the customer submits the ticket. */
export function optimisticOrder(request: PlaceOrderRequest, idempotencyKey: string, now = new Date()): Order {
  const at = now.toISOString();
  return {
    id: optimisticId(idempotencyKey),
    accountId: request.accountId,
    assetId: request.assetId,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    limitPrice: request.limitPrice ?? null,
    status: 'pending',
    statusReason: null,
    fee: null,
    fillPrice: null,
    steps: [{ status: 'pending', at }],
    createdAt: at,
    updatedAt: at,
    // Below every real version: the first answer from the server always replaces it.
    version: 0,
    source: { kind: 'customer' },
    idempotencyKey,
  };
}

/** POST /api/orders with the ticket's key: the same key again returns the same order. */
export async function placeOrder(api: ApiClient, request: PlaceOrderRequest, idempotencyKey: string) {
  return unwrap(
    await api.POST('/api/orders', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: request,
    }),
  );
}

/** POST /api/orders/{id}/cancel: answers the order as `cancelling` (or `cancelled`). */
export async function cancelOrder(api: ApiClient, id: string) {
  return unwrap(await api.POST('/api/orders/{id}/cancel', { params: { path: { id } } }));
}

/**
 * A fetched page with the known orders applied where the read model is behind. An order the read
 * model has caught up with (same or newer version) is forgotten: from then on the server is enough.
 */
export function mergeKnownOrders(page: OrderPage, known: KnownOrders, filter: OrderFilter): OrderPage {
  let merged = page;
  const oldest = page.items.at(-1)?.createdAt;
  // Oldest first, so that each newer order lands above it on top of the page.
  for (const order of known.values()) {
    const fetched = page.items.find((item) => item.id === order.id);
    if (fetched && fetched.version >= order.version) {
      known.delete(order.id);
      continue;
    }
    // An order older than this whole page belongs on a later page, not on top of this one.
    if (!fetched && oldest !== undefined && page.items.length >= page.size && order.createdAt < oldest)
      continue;
    merged = applyOrderUpdate(merged, order, filter);
  }
  return merged;
}
