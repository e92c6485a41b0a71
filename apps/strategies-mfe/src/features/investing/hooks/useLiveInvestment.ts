import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { useState } from 'react';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { Investment } from '../api/investing.ts';

type Order = Schema<'Order'>;

/**
 * Follows one investment live: its pushed versions (`investments`) replace the cached one when
 * newer, and its orders' pushed views (`orders`) are kept by id, newest version wins.
 */
export function useLiveInvestment(id: string): Map<string, Order> {
  const queryClient = usePlatformQueryClient();
  const [orders, setOrders] = useState<Map<string, Order>>(() => new Map());

  useRealtime<Investment>('investments', (investment) => {
    if (investment.id !== id) return;
    queryClient.setQueryData<Investment>(queryKeys.investment(id), (current) =>
      current && current.version >= investment.version ? current : investment,
    );
  });

  useRealtime<Order>('orders', (order) => {
    if (order.source.investmentId !== id) return;
    setOrders((current) => {
      const known = current.get(order.id);
      if (known && known.version >= order.version) return current;
      return new Map(current).set(order.id, order);
    });
  });

  return orders;
}
