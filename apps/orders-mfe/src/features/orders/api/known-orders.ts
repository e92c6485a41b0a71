import type { QueryClient } from '@tanstack/react-query';
import type { Order } from './orders.ts';

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
