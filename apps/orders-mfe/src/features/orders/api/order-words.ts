import type { Order } from './orders.ts';

/**
 * The orders service explains a settled order with a code (services/orders/src/commands.ts,
 * saga.ts). Customers read words; a code that only repeats the status (CANCELED on a cancelled
 * order) is not shown at all.
 */
const REASONS: Record<string, string | null> = {
  CANCELED: null,
  CANCELLED: null,
  EXPIRED: null,
  FAILED: null,
  INSUFFICIENT_CASH: 'Not enough cash for the order and its fee.',
  INSUFFICIENT_HOLDING: 'Not enough of this asset to sell.',
  CHARGE_FAILED_INSUFFICIENT_CASH: 'Not enough cash when the order was filled.',
  MARKET_REJECTED: 'The market refused the order.',
  PRICE_UNAVAILABLE: 'No price was available for the asset.',
  PAYMENT_FAILED: 'The payment failed.',
};

/** Why the order ended, in words, or null when there is nothing to add to its status. */
export function orderReason(reason: string | null | undefined): string | null {
  if (!reason) return null;
  const known = REASONS[reason.toUpperCase()];
  if (known !== undefined) return known;
  // An unknown code still reads as a sentence rather than SHOUTING_SNAKE_CASE.
  if (/^[A-Z0-9_]+$/.test(reason)) {
    const words = reason.replace(/_+/g, ' ').toLowerCase();
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  }
  return reason;
}

/**
 * The first 8 characters of the id: what a customer reads out to support, and what the admin's
 * All orders list shows of the same id (apps/admin-mfe, OrdersPage).
 */
export function orderReference(order: Pick<Order, 'id'>): string {
  return order.id.slice(0, 8);
}
