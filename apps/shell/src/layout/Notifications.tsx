import type { EventChannel, PlatformEvents } from '@simplebank/platform';
import { Notice } from '@simplebank/ui';
import { useEffect, useState } from 'react';

const SHOW_MS = 6_000;

/** Shows the latest `notify` event any fragment sent, whatever fragment is mounted now. */
export function Notifications({ events }: { events: EventChannel }) {
  const [note, setNote] = useState<PlatformEvents['notify'] | null>(null);
  useEffect(() => events.on('notify', setNote), [events]);
  useEffect(() => {
    if (!note) return undefined;
    const timer = setTimeout(() => setNote(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [note]);
  if (!note) return null;
  return (
    <div className="shell-notifications">
      <Notice tone={note.tone === 'error' ? 'danger' : note.tone}>{note.message}</Notice>
    </div>
  );
}
