import { useConnectionState, usePlatformQueryClient, useRealtime } from './hooks.ts';
import { useEffect, useRef } from 'react';

/**
 * Pushes missed while the connection was down are gone, so after a reconnect, or when the server
 * says it could not replay them (`resync`), everything this fragment cached is refetched: the
 * screens catch up without a page reload.
 */
export function useResync(fragmentKey: string): void {
  const queryClient = usePlatformQueryClient();
  const state = useConnectionState();
  const wasDisconnected = useRef(false);

  useRealtime('resync', () => void queryClient.invalidateQueries({ queryKey: [fragmentKey] }));

  useEffect(() => {
    if (state === 'disconnected') wasDisconnected.current = true;
    if (state === 'connected' && wasDisconnected.current) {
      wasDisconnected.current = false;
      void queryClient.invalidateQueries({ queryKey: [fragmentKey] });
    }
  }, [state, queryClient, fragmentKey]);
}
