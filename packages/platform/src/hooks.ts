import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ApiClient } from './api-client.ts';
import { usePlatform } from './context.ts';
import type { EventChannel } from './events.ts';
import { useConnectionStateOf } from './live-query.ts';
import type { ConnectionState } from './realtime/types.ts';
import type { Role, Session } from './session.ts';

/** The logged-in session. Throws when logged out: fragments are only mounted for a session. */
export function useSession(): Session {
  const { session } = usePlatform();
  if (!session) throw new Error('@simplebank/platform: useSession() called while logged out');
  return session;
}

/** False when logged out, so it is safe to call anywhere under the provider. */
export function useHasRole(role: Role): boolean {
  const { session } = usePlatform();
  return session?.user.roles.includes(role) ?? false;
}

export function useApi(): ApiClient {
  return usePlatform().api;
}

export function usePlatformQueryClient(): QueryClient {
  return usePlatform().queryClient;
}

export function useEvents(): EventChannel {
  return usePlatform().events;
}

export function useNavigate(): (to: string) => void {
  return usePlatform().navigate;
}

/**
 * Calls `handler` for every message on `topic` while the component is mounted. The latest handler
 * is always used, so callers need not memoise it and the subscription is not renewed on each render.
 */
export function useRealtime<T = unknown>(topic: string, handler: (message: T) => void): void {
  const { realtime } = usePlatform();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => realtime.subscribe(topic, (message) => latest.current(message as T)), [realtime, topic]);
}

export function useConnectionState(): ConnectionState {
  return useConnectionStateOf(usePlatform().realtime);
}

export function useFlag(name: string): boolean {
  const { flags } = usePlatform();
  const subscribe = useCallback((cb: () => void) => flags.subscribe(cb), [flags]);
  const read = useCallback(() => flags.get(name), [flags, name]);
  return useSyncExternalStore(subscribe, read, read);
}
