import type { components } from '@simplebank/openapi';
import { formatMoney, formatQuantity } from '@simplebank/ui';

type Order = components['schemas']['Order'];
type Investment = components['schemas']['Investment'];

export type NotificationTone = 'info' | 'success' | 'error';

export interface ShellNotification {
  /** The event it reports (`order:<id>:<status>`): the same event pushed twice is one notification. */
  key: string;
  message: string;
  tone: NotificationTone;
  at: string;
}

const describeOrder = (order: Order) =>
  `${order.side === 'buy' ? 'Buy' : 'Sell'} ${formatQuantity(order.quantity)} ${order.assetId}`;
const reason = (text: string | null | undefined) => (text ? `: ${text}` : '.');

/** What a customer wants to hear about an order: it ended (filled, rejected, cancelled…). */
export function orderNotification(order: Order, at: string): ShellNotification | null {
  const key = `order:${order.id}:${order.status}`;
  const what = describeOrder(order);
  switch (order.status) {
    case 'completed':
      return {
        key,
        tone: 'success',
        at,
        message: order.fillPrice
          ? `Filled: ${what} at ${formatMoney(order.fillPrice, 'USD', { maxFractionDigits: 4 })}.`
          : `Filled: ${what}.`,
      };
    case 'rejected':
      return { key, tone: 'error', at, message: `Rejected: ${what}${reason(order.statusReason)}` };
    case 'failed':
      return { key, tone: 'error', at, message: `Failed: ${what}${reason(order.statusReason)}` };
    case 'cancelled':
      return { key, tone: 'info', at, message: `Cancelled: ${what}.` };
    case 'expired':
      return { key, tone: 'info', at, message: `Expired: ${what}.` };
    default:
      return null;
  }
}

/** An investment is worth a notification once it has finished, well or not. */
export function investmentNotification(investment: Investment, at: string): ShellNotification | null {
  const key = `investment:${investment.id}:${investment.status}`;
  const what = `${formatMoney(investment.amount, 'USD')} in ${investment.strategyName ?? 'a strategy'}`;
  switch (investment.status) {
    case 'completed':
      return { key, tone: 'success', at, message: `Investment completed: ${what}.` };
    case 'partially_completed':
      return { key, tone: 'error', at, message: `Investment partially completed: ${what}.` };
    case 'failed':
      return {
        key,
        tone: 'error',
        at,
        message: `Investment failed: ${what}${reason(investment.statusReason)}`,
      };
    default:
      return null;
  }
}

export const MAX_NOTIFICATIONS = 20;

/** The newest first, at most MAX_NOTIFICATIONS, never the same event twice. */
export function addNotification(
  list: readonly ShellNotification[],
  next: ShellNotification,
): readonly ShellNotification[] {
  if (list.some((item) => item.key === next.key)) return list;
  return [next, ...list].slice(0, MAX_NOTIFICATIONS);
}
