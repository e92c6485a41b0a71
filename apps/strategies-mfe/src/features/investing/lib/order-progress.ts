import { isFinalOrderStatus, type OpenOrderStatus, type Schema } from '@simplebank/openapi';

type OrderStatus = Schema<'OrderStatus'>;

// How far an order has gone; final statuses outrank every step. The investment (from the
// strategies service) and the order pushes (from the lagging read model) may disagree for a
// moment: the screen shows whichever is further, so it never goes backwards.
const OPEN_RANK: Record<OpenOrderStatus, number> = {
  pending: 0,
  reserved: 1,
  placed: 2,
  cancelling: 3,
};
const rank = (status: OrderStatus) => (isFinalOrderStatus(status) ? 4 : OPEN_RANK[status]);

export function furtherStatus(a: OrderStatus, b: OrderStatus | undefined): OrderStatus {
  return b !== undefined && rank(b) > rank(a) ? b : a;
}

/** Reason codes (INSUFFICIENT_CASH) in words a customer understands; unknown ones as sentences. */
export function reasonText(reason: string): string {
  const known: Record<string, string> = {
    INSUFFICIENT_CASH: 'Not enough cash in the account.',
    PAYMENT_FAILED: 'The payment for the investment failed.',
    MARKET_CLOSED: 'The market was closed.',
    MARKET_UNAVAILABLE: 'The market could not be reached.',
    EXPIRED: 'The order expired before it was filled.',
  };
  if (known[reason]) return known[reason];
  if (!/^[A-Z0-9_]+$/.test(reason)) return reason;
  const words = reason.toLowerCase().replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}
