import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import type { Query } from '@tanstack/react-query';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { readAgainIfReading } from '../../../shared/api/read-again.ts';
import { applyOrderUpdate, type Order, type OrderPage } from '../api/orders.ts';

const lists = [...queryKeys.orders(), 'list'];
const isIdle = (query: Query) => query.state.fetchStatus === 'idle';

/**
 * Admins receive every order view the read model publishes (`orders` topic, admins' room). A known
 * order is updated in place (never replaced by an older version); an order not on a cached page may
 * belong there, so those pages are refetched. A page being read when the push arrives is read
 * again (that read may predate the order's change). An open timeline is refetched for the new step.
 */
export function useLiveOrders(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<Order>('orders', (order) => {
    let stale = false;
    for (const [key, page] of queryClient.getQueriesData<OrderPage>({ queryKey: lists })) {
      if (!page) continue;
      const next = applyOrderUpdate(page, order);
      if (next) queryClient.setQueryData(key, next);
      else stale = true;
    }
    readAgainIfReading(queryClient, lists);
    if (stale) void queryClient.invalidateQueries({ queryKey: lists, predicate: isIdle });
    void queryClient.invalidateQueries({ queryKey: queryKeys.orderTimeline(order.id) });
  });
}
