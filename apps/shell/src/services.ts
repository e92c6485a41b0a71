import type { ApiClient, EventChannel, RealtimeClient } from '@simplebank/platform';
import type { QueryClient } from '@tanstack/react-query';
import type { FragmentLoader } from './fragments/loader.ts';

/** What the shell is built from; main.tsx wires the real ones, tests pass fakes. */
export interface ShellServices {
  api: ApiClient;
  queryClient: QueryClient;
  events: EventChannel;
  loader: FragmentLoader;
  /** Called once per login: the realtime connection is authenticated by the session cookie. */
  createRealtime: () => RealtimeClient;
}
