import type { ApiClient, EventChannel, RealtimeClient } from '@simplebank/platform';
import type { QueryClient } from '@tanstack/react-query';
import type { FragmentLoader } from './fragments/loader.ts';
import type { LoadedBuilds } from './fragments/loaded-builds.ts';

/** What the shell is built from; main.tsx wires the real ones, tests pass fakes. */
export interface ShellServices {
  api: ApiClient;
  queryClient: QueryClient;
  events: EventChannel;
  loader: FragmentLoader;
  /** Called once per login: the realtime connection is authenticated by the session cookie. */
  createRealtime: () => RealtimeClient;
  /** The fragment builds this page mounted, reported to the BFF with the session. */
  builds?: LoadedBuilds;
  /**
   * Called when the BFF says tracing is on (`GET /api/session/current` → `telemetry`); main.tsx
   * loads the browser's tracing only then, so with tracing off none of its code is fetched.
   */
  startTracing?: (telemetry: { tracesUrl: string }) => void;
}
