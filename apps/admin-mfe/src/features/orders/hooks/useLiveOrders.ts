import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { applyOrderUpdate, type Order, type OrderPage } from '../api/orders.ts';

/**
 * Admins receive every order view the read model publishes (`orders` topic, admins' room). A known
 * order is updated in place (never replaced by an older version); an order not on a cached page may
 * belong there, so those pages are refetched. An open timeline is refetched to show the new step.
 */
export function useLiveOrders(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<Order>('orders', (order) => {
    let stale = false;
    const lists = queryClient.getQueriesData<OrderPage>({ queryKey: [...queryKeys.orders(), 'list'] });
    for (const [key, page] of lists) {
      if (!page) continue;
      const next = applyOrderUpdate(page, order);
      if (next) queryClient.setQueryData(key, next);
      else stale = true;
    }
    if (stale) void queryClient.invalidateQueries({ queryKey: [...queryKeys.orders(), 'list'] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.orderTimeline(order.id) });
  });
}
