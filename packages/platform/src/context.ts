import { createContext, useContext } from 'react';
import type { ApiClient } from './api-client.ts';
import type { EventChannel } from './events.ts';
import type { FlagSource } from './flags.ts';
import type { RealtimeClient } from './realtime/types.ts';
import type { Session } from './session.ts';
import type { QueryClient } from '@tanstack/react-query';

export interface PlatformValue {
  session: Session | null;
  api: ApiClient;
  queryClient: QueryClient;
  realtime: RealtimeClient;
  flags: FlagSource;
  events: EventChannel;
  navigate: (to: string) => void;
}

/**
 * One context object for the page. It works across the shell and its fragments only because
 * `@simplebank/platform` is a module federation singleton: a second copy would make a second,
 * empty context.
 */
export const PlatformContext = createContext<PlatformValue | null>(null);

export function usePlatform(): PlatformValue {
  const value = useContext(PlatformContext);
  if (!value) {
    throw new Error(
      '@simplebank/platform: hook used outside <PlatformProvider> (is the platform package shared as a singleton?)',
    );
  }
  return value;
}
