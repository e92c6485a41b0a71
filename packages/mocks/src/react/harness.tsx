// A PlatformProvider with in-memory services, for fragment tests and standalone mode: what the
// shell gives a fragment, minus the network (the API goes to MSW, realtime is in memory).
import { QueryClient } from '@tanstack/react-query';
import {
  PlatformProvider,
  createApiClient,
  createEventChannel,
  createMemoryRealtime,
  createStaticFlags,
  type ApiClient,
  type EventChannel,
  type MemoryRealtime,
  type Session,
  useRouterNavigate,
} from '@simplebank/platform';
import type { ReactNode } from 'react';
import { users, type DemoUser } from '../fixtures/users.ts';

export interface HarnessServices {
  session: Session | null;
  api: ApiClient;
  queryClient: QueryClient;
  realtime: MemoryRealtime;
  flags: ReturnType<typeof createStaticFlags>;
  events: EventChannel;
}

export interface HarnessOptions {
  user?: DemoUser | null;
  /** Absolute in Node (jsdom has no relative fetch); '' in the browser. */
  baseUrl?: string;
  flags?: Record<string, boolean>;
  queryClient?: QueryClient;
  /** Share one realtime across sessions (standalone mode keeps one for the mocks to push to). */
  realtime?: MemoryRealtime;
}

/** Everything the provider needs, made fresh so tests never share cache or subscriptions. */
export function createHarnessServices(options: HarnessOptions = {}): HarnessServices {
  const user = options.user === undefined ? 'alice' : options.user;
  return {
    session: user ? { user: users[user] } : null,
    api: createApiClient({ baseUrl: options.baseUrl ?? '' }),
    queryClient:
      options.queryClient ??
      new QueryClient({
        // No retries: a test that mocks a 503 wants the error state now, not after backoff.
        defaultOptions: {
          queries: { retry: false, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
    realtime: options.realtime ?? createMemoryRealtime(),
    flags: createStaticFlags(options.flags ?? { 'orders.limitOrders': true, 'strategies.invest': true }),
    events: createEventChannel(),
  };
}

/**
 * The provider, wired to the surrounding router's navigate (the shell does the same with its own
 * router). Must be rendered inside a MemoryRouter or BrowserRouter.
 */
export function PlatformHarness({ services, children }: { services: HarnessServices; children: ReactNode }) {
  const navigate = useRouterNavigate();
  return (
    <PlatformProvider {...services} navigate={navigate}>
      {children}
    </PlatformProvider>
  );
}
