import { formatQuantity } from '@simplebank/ui';
import { useState } from 'react';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import type { Order } from '../api/orders.ts';
import { useCancelOrder } from './useCancelOrder.ts';

/**
 * Cancel with a confirmation first: `ask(order)` opens the question, `confirm()` sends the cancel
 * (the row shows Cancelling at once) and closes it; `dismiss()` keeps the order as it is.
 */
export function useConfirmedCancel() {
  const cancel = useCancelOrder();
  const { catalog } = useAssets();
  const [asked, setAsked] = useState<Order | null>(null);
  const describe = (order: Order) =>
    `${order.side === 'buy' ? 'Buy' : 'Sell'} ${formatQuantity(order.quantity)} ${catalog.get(order.assetId)?.symbol ?? order.assetId}`;
  return {
    cancel,
    asked,
    askedDescription: asked ? describe(asked) : '',
    /** What the last cancel was about, for the message after it. */
    lastDescription: cancel.variables ? describe(cancel.variables) : '',
    ask: (order: Order) => {
      cancel.reset();
      setAsked(order);
    },
    confirm: () => {
      if (!asked) return;
      cancel.mutate(asked);
      setAsked(null);
    },
    dismiss: () => setAsked(null),
  };
}
