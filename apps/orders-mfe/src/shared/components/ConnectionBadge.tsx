import { useConnectionState } from '@simplebank/platform';
import { Badge } from '@simplebank/ui';

/**
 * Whether what is shown follows the server live. While offline, pushes are missed; the fragment
 * refetches when the connection comes back (the platform's useResync), so the words promise exactly that.
 */
export function ConnectionBadge() {
  const state = useConnectionState();
  if (state === 'connected') return <Badge tone="success">Live</Badge>;
  if (state === 'connecting') return <Badge tone="warning">Connecting…</Badge>;
  return <Badge tone="warning">Offline: updates resume when the connection is back</Badge>;
}
