import { useConnectionState } from '@simplebank/platform';
import { Badge } from '@simplebank/ui';

/**
 * Whether what is shown follows the server live. While not connected, pushes are missed and the
 * views poll instead (the platform's useLiveQueryOptions), so the words promise exactly that.
 */
export function ConnectionBadge() {
  const state = useConnectionState();
  if (state === 'connected') return <Badge tone="success">Live</Badge>;
  return <Badge tone="warning">Paused — refreshing every few seconds</Badge>;
}
