import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { PlatformContext, type PlatformValue } from './context.ts';

export interface PlatformProviderProps extends PlatformValue {
  children?: ReactNode;
}

/** Gives the shell's services to everything below it, fragments included, plus the QueryClientProvider. */
export function PlatformProvider({
  session,
  api,
  queryClient,
  realtime,
  flags,
  events,
  navigate,
  children,
}: PlatformProviderProps) {
  const value = useMemo(
    () => ({ session, api, queryClient, realtime, flags, events, navigate }),
    [session, api, queryClient, realtime, flags, events, navigate],
  );
  return (
    <PlatformContext.Provider value={value}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </PlatformContext.Provider>
  );
}
