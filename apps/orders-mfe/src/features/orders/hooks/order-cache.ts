import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { OrderFilter, OrderPage } from '../api/orders.ts';

/** Rewrites every cached order list (each filter and page) with `change`. */
export function updateOrderLists(
  queryClient: QueryClient,
  change: (page: OrderPage, filter: OrderFilter) => OrderPage,
): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.orderLists() })) {
    const filter = query.queryKey[2] as OrderFilter | undefined;
    if (!filter) continue;
    queryClient.setQueryData<OrderPage>(query.queryKey, (page) => (page ? change(page, filter) : page));
  }
}
