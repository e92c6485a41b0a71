import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { usePlatform } from './context.ts';
import type { ConnectionState, RealtimeClient } from './realtime/types.ts';

/** First poll once pushes stop arriving. */
export const POLL_FIRST_MS = 2_000;
/**
 * The slowest poll. Kept under 5 s so that a change on the server reaches the screen within 5 s
 * however long the outage lasts (one interval plus one request).
 */
export const POLL_MAX_MS = 4_000;
/** The delay grows by one second per this much time offline (2 s, then 3 s, then 4 s). */
const BACKOFF_STEP_MS = 30_000;

/** The polling delay after `offlineForMs` without a realtime connection: slower the longer it lasts. */
export function pollingDelay(offlineForMs: number): number {
  const steps = Math.floor(Math.max(0, offlineForMs) / BACKOFF_STEP_MS);
  return Math.min(POLL_MAX_MS, POLL_FIRST_MS + steps * 1_000);
}

/** The state of a given realtime client; `useConnectionState` reads the provider's. */
export function useConnectionStateOf(realtime: RealtimeClient): ConnectionState {
  // Wrapped rather than passed as-is: a client written as a class must keep its `this`.
  const subscribe = useCallback((cb: () => void) => realtime.onState(cb), [realtime]);
  const read = useCallback(() => realtime.state(), [realtime]);
  return useSyncExternalStore(subscribe, read, read);
}

/**
 * A TanStack Query `refetchInterval` that polls only while `realtime` is not connected: pushes
 * keep the cache current when it is, and missed pushes are replaced by asking the server. It is
 * `false` while connected; otherwise a function, so TanStack Query asks for the next delay after
 * every fetch and the delay backs off with the length of the outage. Polling stops on the render
 * that sees the connection back (the resync then refetches once, see use-resync.ts).
 */
export function usePollingWhileOffline(realtime: RealtimeClient): false | (() => number) {
  const state = useConnectionStateOf(realtime);
  const offlineSince = useRef<number | null>(null);
  useEffect(() => {
    if (state === 'connected') offlineSince.current = null;
    else offlineSince.current ??= Date.now();
  }, [state]);
  const nextDelay = useCallback(
    () => pollingDelay(offlineSince.current === null ? 0 : Date.now() - offlineSince.current),
    [],
  );
  return state === 'connected' ? false : nextDelay;
}

/**
 * Options to spread into the `useQuery` of every view that realtime pushes keep live, so it falls
 * back to polling while the connection is down: `useQuery({ ...ordersQuery(api), ...live })`.
 */
export function useLiveQueryOptions(): { refetchInterval: false | (() => number) } {
  return { refetchInterval: usePollingWhileOffline(usePlatform().realtime) };
}

/**
 * What the user reads while the connection is not `connected` (and live views poll): one wording
 * wherever it shows.
 */
export const LIVE_UPDATES_PAUSED = 'Live updates paused — refreshing every few seconds';
