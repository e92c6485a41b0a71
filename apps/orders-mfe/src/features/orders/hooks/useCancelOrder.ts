import { useApi, usePlatformQueryClient } from '@simplebank/platform';
import { useMutation } from '@tanstack/react-query';
import { knownOrdersOf, rememberOrder } from '../api/known-orders.ts';
import { applyOrderUpdate, cancelOrder, revertOrder, type Order, type OrderPage } from '../api/orders.ts';
import { updateOrderLists } from './order-cache.ts';

/** The order shown as `cancelling` in place of `order`, if the list still has that version. */
function markCancelling(page: OrderPage, order: Order, cancelling: Order): OrderPage {
  if (!page.items.some((item) => item.id === order.id && item.version === order.version)) return page;
  return { ...page, items: page.items.map((item) => (item.id === order.id ? cancelling : item)) };
}

/**
 * Cancels an order: `cancelling` at once (same version, so any pushed step replaces it), the
 * server's answer after; a refusal (it executed meanwhile) puts the order back as it was.
 */
export function useCancelOrder() {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const known = knownOrdersOf(queryClient);

  return useMutation({
    mutationFn: (order: Order) => cancelOrder(api, order.id),
    onMutate: (order) => {
      const cancelling: Order = { ...order, status: 'cancelling' };
      updateOrderLists(queryClient, (page) => markCancelling(page, order, cancelling));
      return { cancelling };
    },
    onSuccess: (order) => {
      rememberOrder(known, order);
      updateOrderLists(queryClient, (page, filter) => applyOrderUpdate(page, order, filter));
    },
    onError: (_error, order, context) => {
      if (context) updateOrderLists(queryClient, (page) => revertOrder(page, context.cancelling, order));
    },
  });
}
