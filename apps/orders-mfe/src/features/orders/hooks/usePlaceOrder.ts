import { useApi, useEvents, usePlatformQueryClient } from '@simplebank/platform';
import { useMutation } from '@tanstack/react-query';
import type { Portfolio } from '../../../shared/api/portfolio.ts';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { knownOrdersOf, rememberOrder } from '../api/known-orders.ts';
import {
  applyOrderUpdate,
  optimisticOrder,
  placeOrder,
  removeOrder,
  type PlaceOrderRequest,
} from '../api/orders.ts';
import { withReservation } from '../api/portfolio-effects.ts';
import { updateOrderLists } from './order-cache.ts';

export interface PlaceOrderVariables {
  request: PlaceOrderRequest;
  idempotencyKey: string;
  /** The ticket's estimated total, reserved in the cached portfolio at once. */
  estimatedTotal: string | null;
}

/**
 * Places an order with an optimistic update through the query cache: the pending row and the
 * reservation appear before the request leaves; the answer (or a push, whichever comes first)
 * replaces the row; a refused request removes the row and gives the reservation back.
 *
 * Queries are not cancelled first (as TanStack's guide does) because an in-flight list fetch
 * merges the known orders when it lands (ordersQuery), so it cannot drop the row; skipping the
 * await keeps the row on screen in the same frame as the click.
 */
export function usePlaceOrder() {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const events = useEvents();
  const known = knownOrdersOf(queryClient);

  return useMutation({
    mutationFn: ({ request, idempotencyKey }: PlaceOrderVariables) =>
      placeOrder(api, request, idempotencyKey),
    onMutate: ({ request, idempotencyKey, estimatedTotal }) => {
      const optimistic = optimisticOrder(request, idempotencyKey);
      rememberOrder(known, optimistic);
      updateOrderLists(queryClient, (page, filter) => applyOrderUpdate(page, optimistic, filter));
      const portfolio = queryClient.getQueryData<Portfolio>(queryKeys.portfolio());
      if (portfolio)
        queryClient.setQueryData(queryKeys.portfolio(), withReservation(portfolio, request, estimatedTotal));
      return { optimistic, portfolio };
    },
    onSuccess: (order) => {
      rememberOrder(known, order);
      updateOrderLists(queryClient, (page, filter) => applyOrderUpdate(page, order, filter));
      events.emit('order.placed', { orderId: order.id, accountId: order.accountId });
    },
    onError: (_error, _variables, context) => {
      if (!context) return;
      known.delete(context.optimistic.id);
      updateOrderLists(queryClient, (page) => removeOrder(page, context.optimistic.id));
      if (context.portfolio) queryClient.setQueryData(queryKeys.portfolio(), context.portfolio);
      void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio() });
    },
  });
}
