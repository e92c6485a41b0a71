import { useEffect, useState } from 'react';
import type { ShellNotification } from '../notifications/notification-rules.ts';

const SHOW_MS = 8_000;

/**
 * The newest notification as a toast, whatever fragment is mounted. The live region stays in the
 * page even when empty: screen readers only announce changes of a region they already know.
 */
export function Notifications({ latest }: { latest: ShellNotification | undefined }) {
  const [shown, setShown] = useState<ShellNotification | null>(null);
  useEffect(() => {
    if (!latest) return undefined;
    setShown(latest);
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [latest]);
  return (
    <div className="shell-notifications" role="status" aria-live="polite" aria-atomic="true">
      {shown && (
        <div className={`sb-notice sb-tone--${shown.tone === 'error' ? 'danger' : shown.tone}`}>
          <p className="sb-notice__body">{shown.message}</p>
        </div>
      )}
    </div>
  );
}
