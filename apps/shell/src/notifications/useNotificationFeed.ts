import type { components } from '@simplebank/openapi';
import type { EventChannel, RealtimeClient, Session } from '@simplebank/platform';
import { useCallback, useEffect, useState } from 'react';
import {
  addNotification,
  investmentNotification,
  orderNotification,
  type ShellNotification,
} from './notification-rules.ts';

export interface NotificationFeed {
  items: readonly ShellNotification[];
  /** How many arrived since the list was last opened. */
  unread: number;
  markAllRead: () => void;
}

/**
 * The user's notifications, whatever page is open: order and investment outcomes pushed by the
 * BFF, and the messages fragments send through the `notify` event. Admins receive every
 * customer's orders (docs/CONTRACTS.md, realtime topics), so only customers hear about them.
 */
export function useNotificationFeed(
  session: Session,
  realtime: RealtimeClient,
  events: EventChannel,
): NotificationFeed {
  const [items, setItems] = useState<readonly ShellNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const push = useCallback((next: ShellNotification | null) => {
    if (!next) return;
    setItems((list) => {
      const updated = addNotification(list, next);
      if (updated !== list) setUnread((count) => count + 1);
      return updated;
    });
  }, []);
  const isCustomer = session.user.roles.includes('customer');

  useEffect(() => {
    if (!isCustomer) return undefined;
    const now = () => new Date().toISOString();
    const offOrders = realtime.subscribe('orders', (message) =>
      push(orderNotification(message as components['schemas']['Order'], now())),
    );
    const offInvestments = realtime.subscribe('investments', (message) =>
      push(investmentNotification(message as components['schemas']['Investment'], now())),
    );
    return () => {
      offOrders();
      offInvestments();
    };
  }, [realtime, push, isCustomer]);

  useEffect(
    () =>
      events.on('notify', (note) =>
        push({
          key: `notify:${crypto.randomUUID()}`,
          message: note.message,
          tone: note.tone,
          at: new Date().toISOString(),
        }),
      ),
    [events, push],
  );

  return { items, unread, markAllRead: useCallback(() => setUnread(0), []) };
}
