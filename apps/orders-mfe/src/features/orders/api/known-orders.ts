import type { QueryClient } from '@tanstack/react-query';
import { applyOrderUpdate, type Order, type OrderFilter, type OrderPage } from './orders.ts';

/**
 * Orders this browser knows in a version the read model may not have reached yet: the answers to
 * its own commands and the pushed views. One map per QueryClient (the shell's), so every screen
 * and every test render has its own.
 */
export type KnownOrders = Map<string, Order>;

const registry = new WeakMap<QueryClient, KnownOrders>();

export function knownOrdersOf(client: QueryClient): KnownOrders {
  let known = registry.get(client);
  if (!known) {
    known = new Map();
    registry.set(client, known);
  }
  return known;
}

/** Remembers the newest version of an order; an older one is ignored. */
export function rememberOrder(known: KnownOrders, order: Order): void {
  // The real order replaces its ticket's optimistic row here too.
  for (const [id, candidate] of known) {
    if (id !== order.id && candidate.version === 0 && candidate.idempotencyKey === order.idempotencyKey)
      known.delete(id);
  }
  const current = known.get(order.id);
  if (!current || current.version < order.version) known.set(order.id, order);
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
