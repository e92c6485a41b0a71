import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { applyOrderUpdate, type Order, type OrderFilter, type OrderPage } from '../api/orders.ts';

const SETTLED: Order['status'][] = ['completed', 'cancelled', 'rejected', 'failed', 'expired'];

/**
 * Applies pushed order views (`orders` topic) to every cached order list, so the blotter follows
 * an order's saga without refetching. When an order settles, cash and holdings have moved, so
 * the portfolio is refetched.
 */
export function useLiveOrders(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<Order>('orders', (order) => {
    for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.orderLists() })) {
      const filter = query.queryKey[2] as OrderFilter | undefined;
      if (!filter) continue;
      queryClient.setQueryData<OrderPage>(query.queryKey, (page) =>
        page ? applyOrderUpdate(page, order, filter) : page,
      );
    }
    if (SETTLED.includes(order.status))
      void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio() });
  });
}
