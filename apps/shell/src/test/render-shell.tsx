import {
  createApiClient,
  createEventChannel,
  createMemoryRealtime,
  type ApiClient,
  type MemoryRealtime,
  type Session,
  MemoryRouter,
  useLocation,
} from '@simplebank/platform';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { Shell, ShellProviders } from '../App.tsx';
import type { FragmentComponent, FragmentLoader } from '../fragments/loader.ts';
import type { FragmentRecord } from '../registry/types.ts';
import type { ShellServices } from '../services.ts';
import { LoadedBuilds } from '../fragments/loaded-builds.ts';

export const alice: Session = {
  user: { id: 'u1', username: 'alice', displayName: 'Alice Smith', roles: ['customer'] },
};
export const admin: Session = {
  user: { id: 'u9', username: 'admin', displayName: 'Ada Admin', roles: ['admin'] },
};

/** A fragment as a remote would export it: shows its name and the path it was asked to render. */
export function fakeFragment(title: string): FragmentComponent {
  return function FakeFragment() {
    const { pathname } = useLocation();
    return (
      <h1>
        {title} at {pathname}
      </h1>
    );
  };
}

export function loaderOf(
  components: Record<string, FragmentComponent>,
): FragmentLoader & { load: ReturnType<typeof vi.fn> } {
  return {
    load: vi.fn(async (name: string) => {
      const component = components[name];
      if (!component) throw new Error(`remote ${name} is down`);
      return component;
    }),
  };
}

interface FakeBff {
  session: Session | null;
  fragments: FragmentRecord[];
  flags?: Record<string, boolean>;
  /** When set, GET /api/fragments fails with this status. */
  fragmentsStatus?: number;
  /** Status for POST /api/session; 200 logs in as `loginAs`. */
  loginStatus?: number;
  loginAs?: Session;
  /** `GET /api/session/current` says tracing is on and where the spans go. */
  telemetry?: { tracesUrl: string };
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The BFF as the shell sees it, answering through the typed API client's fetch. */
export function fakeApi(bff: FakeBff): { api: ApiClient; requests: Request[] } {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const path = new URL(request.url).pathname;
    if (path === '/api/session/current' && request.method === 'GET')
      return json(200, { session: bff.session, ...(bff.telemetry ? { telemetry: bff.telemetry } : {}) });
    if (path === '/api/session/builds' && request.method === 'PUT')
      return bff.session
        ? new Response(null, { status: 204 })
        : json(401, { error: { code: 'x', message: 'no', requestId: 'r' } });
    if (path === '/api/session' && request.method === 'GET')
      return bff.session
        ? json(200, bff.session)
        : json(401, { error: { code: 'unauthenticated', message: 'Log in', requestId: 'r' } });
    if (path === '/api/session' && request.method === 'POST') {
      const status = bff.loginStatus ?? 200;
      if (status !== 200) return json(status, { error: { code: 'x', message: 'no', requestId: 'r' } });
      bff.session = bff.loginAs ?? alice;
      return json(200, bff.session);
    }
    if (path === '/api/session' && request.method === 'DELETE') {
      bff.session = null;
      return new Response(null, { status: 204 });
    }
    if (path === '/api/fragments' && bff.fragmentsStatus)
      return json(bff.fragmentsStatus, { error: { code: 'unavailable', message: 'down', requestId: 'r' } });
    if (path === '/api/fragments') return json(200, { contractVersion: '2.0.0', fragments: bff.fragments });
    if (path === '/api/flags') return json(200, { flags: bff.flags ?? {}, version: 1 });
    return json(404, { error: { code: 'not_found', message: path, requestId: 'r' } });
  };
  return {
    api: createApiClient({ baseUrl: 'http://shell.test', fetch: fetch as typeof globalThis.fetch }),
    requests,
  };
}

export function renderShell(opts: {
  path: string;
  bff: FakeBff;
  loader: FragmentLoader;
  startTracing?: ShellServices['startTracing'];
}) {
  const { api, requests } = fakeApi(opts.bff);
  const realtime: MemoryRealtime = createMemoryRealtime();
  const services: ShellServices = {
    api,
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }),
    events: createEventChannel(),
    loader: opts.loader,
    createRealtime: () => realtime,
    builds: new LoadedBuilds(),
    startTracing: opts.startTracing,
  };
  const view = render(
    <MemoryRouter initialEntries={[opts.path]}>
      <ShellProviders services={services}>
        <Shell services={services} />
      </ShellProviders>
    </MemoryRouter>,
  );
  return { ...view, services, realtime, requests };
}
