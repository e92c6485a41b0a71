// The local host of a fragment's standalone mode (`npm run dev -w apps/<x>`): starts the MSW
// worker, then renders the fragment like the shell would, with a demo session, a small nav, a
// user switch (customer and admin screens) and the live-connection state.
import '@simplebank/ui/styles.css';
import './standalone.css';
import {
  createMemoryRealtime,
  useConnectionState,
  useNavigate,
  type FragmentProps,
  type MemoryRealtime,
  type Session,
  BrowserRouter,
  NavLink,
} from '@simplebank/platform';
import { Badge } from '@simplebank/ui';
import { StrictMode, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { startStandaloneMocks, type StandaloneMocks, type StandaloneMocksOptions } from '../browser.ts';
import { users, type DemoUser } from '../fixtures/users.ts';
import { createHarnessServices, PlatformHarness, type HarnessServices } from './harness.tsx';

export interface StandaloneOptions {
  /** The fragment's registry name. */
  name: string;
  title: string;
  Fragment: ComponentType<FragmentProps>;
  links: { label: string; path: string }[];
  /** Demo users to switch between; the first is logged in at start. */
  users: DemoUser[];
  mocks?: StandaloneMocksOptions;
  /** Defaults to #root. */
  container?: HTMLElement;
}

function ConnectionBadge() {
  const state = useConnectionState();
  return <Badge tone={state === 'connected' ? 'success' : 'warning'}>Live updates: {state}</Badge>;
}

/** The fragment with the props the shell would give it; navigate goes through the platform. */
function FragmentSlot({ options, session }: { options: StandaloneOptions; session: Session }) {
  const navigate = useNavigate();
  const { Fragment } = options;
  return <Fragment name={options.name} basename="/" session={session} navigate={navigate} />;
}

function StandaloneHost({
  options,
  mocks,
  realtime,
}: {
  options: StandaloneOptions;
  mocks: StandaloneMocks;
  realtime: MemoryRealtime;
}) {
  const first = options.users[0] ?? 'alice';
  const [services, setServices] = useState<HarnessServices>(() =>
    createHarnessServices({ user: first, realtime }),
  );
  const [user, setUser] = useState<DemoUser>(first);

  // Switching user is a new login: new session, fresh cache, same mock backend.
  function switchUser(next: DemoUser) {
    mocks.context.setUser(next);
    setUser(next);
    setServices(createHarnessServices({ user: next, realtime }));
  }

  const session = services.session;
  if (!session) return null;
  return (
    <PlatformHarness services={services}>
      <header className="sb-standalone-header">
        <strong>{options.title} · standalone</strong>
        <nav aria-label="Standalone">
          <ul className="sb-subnav">
            {options.links.map((link) => (
              <li key={link.path}>
                <NavLink className="sb-link" to={link.path} end>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {options.users.length > 1 && (
          <label>
            Signed in as
            <select
              className="sb-select"
              value={user}
              onChange={(event) => switchUser(event.target.value as DemoUser)}
            >
              {options.users.map((name) => (
                <option key={name} value={name}>
                  {users[name].displayName} ({users[name].roles.join(', ')})
                </option>
              ))}
            </select>
          </label>
        )}
        <ConnectionBadge />
      </header>
      <main className="sb-standalone-main">
        <FragmentSlot key={user} options={options} session={session} />
      </main>
    </PlatformHarness>
  );
}

/** Starts the mocks, then mounts the host; rendering waits so no request escapes the worker. */
export async function startStandalone(options: StandaloneOptions): Promise<void> {
  const realtime = createMemoryRealtime();
  const mocks = await startStandaloneMocks({ user: options.users[0] ?? 'alice', realtime, ...options.mocks });
  // The host's own root page is empty; start on the fragment's first screen.
  const first = options.links[0];
  if (window.location.pathname === '/' && first) window.history.replaceState(null, '', first.path);
  const container = options.container ?? document.getElementById('root');
  if (!container) throw new Error('standalone: no #root element');
  createRoot(container).render(
    <StrictMode>
      <BrowserRouter>
        <StandaloneHost options={options} mocks={mocks} realtime={realtime} />
      </BrowserRouter>
    </StrictMode>,
  );
}
