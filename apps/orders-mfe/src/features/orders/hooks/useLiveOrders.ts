import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { knownOrdersOf, rememberOrder } from '../api/known-orders.ts';
import { isFinalOrderStatus } from '@simplebank/openapi';
import { applyOrderUpdate, type Order } from '../api/orders.ts';
import { updateOrderLists } from './order-cache.ts';

/**
 * Applies pushed order views (`orders` topic) to every cached order list, so the blotter follows
 * an order's saga without refetching. When an order settles, cash and holdings have moved (or,
 * after a rejection or failure, were given back), so the portfolio is refetched.
 */
export function useLiveOrders(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<Order>('orders', (order) => {
    rememberOrder(knownOrdersOf(queryClient), order);
    updateOrderLists(queryClient, (page, filter) => applyOrderUpdate(page, order, filter));
    if (isFinalOrderStatus(order.status))
      void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio() });
  });
}
