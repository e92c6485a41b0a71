import {
  PlatformProvider,
  type RealtimeClient,
  type Session,
  BrowserRouter,
  Navigate,
  useLocation,
  useRouterNavigate,
} from '@simplebank/platform';
import { Button, Loading, Notice } from '@simplebank/ui';
import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { FragmentLoaderContext } from './fragments/loader.ts';
import { LoadedBuildsContext, useReportBuilds } from './fragments/loaded-builds.ts';
import { Header } from './layout/Header.tsx';
import { Notifications } from './layout/Notifications.tsx';
import { NotificationCentre } from './notifications/NotificationCentre.tsx';
import { useNotificationFeed } from './notifications/useNotificationFeed.ts';
import { fragmentsQuery } from './registry/fragments-query.ts';
import { visibleNav } from './routing/access.ts';
import { FragmentOutlet } from './routing/FragmentOutlet.tsx';
import type { ShellServices } from './services.ts';
import { LoginPage } from './session/LoginPage.tsx';
import { sessionKey, sessionQuery } from './session/session-queries.ts';
import { useFlagsSource } from './session/useFlagsSource.ts';

export function App({ services }: { services: ShellServices }) {
  return (
    <BrowserRouter>
      <ShellProviders services={services}>
        <Shell services={services} />
      </ShellProviders>
    </BrowserRouter>
  );
}

export function ShellProviders({ services, children }: { services: ShellServices; children: ReactNode }) {
  return (
    <QueryClientProvider client={services.queryClient}>
      <FragmentLoaderContext.Provider value={services.loader}>
        <LoadedBuildsContext.Provider value={services.builds ?? null}>
          {children}
        </LoadedBuildsContext.Provider>
      </FragmentLoaderContext.Provider>
    </QueryClientProvider>
  );
}

/** Login or the logged-in layout, decided by `GET /api/session`. Exported for tests (any router). */
export function Shell({ services }: { services: ShellServices }) {
  const session = useQuery(sessionQuery(services.api, services.startTracing));
  const location = useLocation();

  if (session.isPending) return <Loading label="Loading SimpleBank…" />;
  if (session.isError) {
    return (
      <main>
        <Notice
          tone="danger"
          title="SimpleBank cannot be reached"
          action={
            <Button variant="secondary" onClick={() => void session.refetch()}>
              Retry
            </Button>
          }
        >
          Check your connection and try again.
        </Notice>
      </main>
    );
  }
  const current = session.data;
  // No <Routes> here on purpose: fragments are rendered outside any <Route> (docs/CONTRACTS.md),
  // so their own <Routes> match absolute paths such as /trade or /orders/:id.
  if (!current) {
    if (location.pathname === '/login') return <LoginPage api={services.api} />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (location.pathname === '/login') return <Navigate to={returnPath(location.state)} replace />;
  return <LoggedIn services={services} session={current} />;
}

/** Where to go after login: the page the user asked for, never another site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    !from.startsWith('/login')
    ? from
    : '/';
}

/** One realtime connection per login, closed on logout. */
function useRealtimeConnection(services: ShellServices): RealtimeClient | null {
  const [realtime, setRealtime] = useState<RealtimeClient | null>(null);
  useEffect(() => {
    const connection = services.createRealtime();
    setRealtime(connection);
    return () => connection.close();
  }, [services]);
  return realtime;
}

/** react-router's navigate changes identity on navigation; fragments get one stable function. */
function useStableNavigate(): (to: string) => void {
  const navigate = useRouterNavigate();
  const latest = useRef(navigate);
  useEffect(() => {
    latest.current = navigate;
  }, [navigate]);
  return useCallback((to: string) => void latest.current(to), []);
}

function LoggedIn({ services, session }: { services: ShellServices; session: Session }) {
  const realtime = useRealtimeConnection(services);
  if (!realtime) return null;
  return <LoggedInWithRealtime services={services} session={session} realtime={realtime} />;
}

function LoggedInWithRealtime({
  services,
  session,
  realtime,
}: {
  services: ShellServices;
  session: Session;
  realtime: RealtimeClient;
}) {
  const queryClient = useQueryClient();
  const navigate = useStableNavigate();
  const flags = useFlagsSource(services.api, realtime);
  const registryQuery = useQuery(fragmentsQuery(services.api, session.user.id));
  const [loggingOut, setLoggingOut] = useState(false);
  const notifications = useNotificationFeed(session, realtime, services.events);
  useReportBuilds(services.api, services.builds);

  // The server could not replay what we missed while offline: refetch everything shown.
  useEffect(
    () => realtime.subscribe('resync', () => void queryClient.invalidateQueries()),
    [realtime, queryClient],
  );

  const logout = async () => {
    setLoggingOut(true);
    await services.api.DELETE('/api/session').catch(() => undefined);
    // Drop every cached answer of this user before anyone else uses the page.
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    navigate('/login');
  };

  const records = registryQuery.data;
  return (
    <PlatformProvider
      session={session}
      api={services.api}
      queryClient={services.queryClient}
      realtime={realtime}
      flags={flags}
      events={services.events}
      navigate={navigate}
    >
      <Header
        nav={records ? visibleNav(session.user, records) : []}
        onLogout={() => void logout()}
        loggingOut={loggingOut}
        tools={<NotificationCentre feed={notifications} />}
      />
      <Notifications latest={notifications.items[0]} />
      <main className="shell-main">
        <FragmentOutlet
          navigate={navigate}
          registry={{ records, failed: registryQuery.isError, retry: () => void registryQuery.refetch() }}
        />
      </main>
    </PlatformProvider>
  );
}
