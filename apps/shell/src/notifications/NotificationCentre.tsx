import { Button, formatTime } from '@simplebank/ui';
import { useEffect, useId, useRef, useState } from 'react';
import type { NotificationFeed } from './useNotificationFeed.ts';

/** The header's Notifications button and the list of the last notifications it opens. */
export function NotificationCentre({ feed }: { feed: NotificationFeed }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const { markAllRead } = feed;

  useEffect(() => {
    if (open) markAllRead();
  }, [open, feed.items, markAllRead]);

  // Escape or a click elsewhere closes the list, as any pop-up does.
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onClick = (event: MouseEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="shell-notification-centre" ref={container}>
      <Button
        variant="secondary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
        aria-label={feed.unread > 0 ? `Notifications, ${feed.unread} new` : 'Notifications'}
      >
        {/* A bell, so the button fits next to the brand on a phone; its name is the aria-label. */}
        <svg
          aria-hidden="true"
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {feed.unread > 0 && (
          <span className="sb-badge sb-tone--info" aria-hidden="true">
            {feed.unread}
          </span>
        )}
      </Button>
      {/* Rendered only while open: the toast already says the newest one once. */}
      {open && (
        <section id={panelId} className="shell-notification-panel" aria-label="Notifications">
          {feed.items.length === 0 ? (
            <p className="sb-muted">No notifications yet. Fills, rejections and investments show up here.</p>
          ) : (
            <ol>
              {feed.items.map((item) => (
                <li key={item.key} data-tone={item.tone}>
                  <time dateTime={item.at}>{formatTime(item.at)}</time> {item.message}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
