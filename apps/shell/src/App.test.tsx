import { useEvents, useFlag, Route, Routes } from '@simplebank/platform';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminRecord, ordersRecord, strategiesRecord } from './test/records.ts';
import { admin, alice, fakeFragment, loaderOf, renderShell } from './test/render-shell.tsx';

const records = () => [ordersRecord(), strategiesRecord(), adminRecord()];
const allUp = () =>
  loaderOf({
    orders: fakeFragment('Orders'),
    strategies: fakeFragment('Strategies'),
    admin: fakeFragment('Admin'),
  });
const mainNav = () => screen.getByRole('navigation', { name: 'Main' });
const navLabels = () =>
  within(mainNav())
    .getAllByRole('link')
    .map((link) => link.textContent);

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('logging in', () => {
  it('asks a logged-out visitor to log in, then opens the page they wanted', async () => {
    const user = userEvent.setup();
    renderShell({ path: '/orders', bff: { session: null, fragments: records() }, loader: allUp() });
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'alice-pass');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Orders at /orders' })).toBeInTheDocument();
    expect(within(mainNav()).getByRole('link', { name: 'Orders' })).toBeInTheDocument();
  });

  it('says clearly when the password is wrong and stays on the form', async () => {
    const user = userEvent.setup();
    renderShell({
      path: '/login',
      bff: { session: null, fragments: records(), loginStatus: 401 },
      loader: allUp(),
    });
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(screen.getByLabelText('Username')).toHaveValue('alice');
  });

  it('does not send an empty form', async () => {
    const user = userEvent.setup();
    const { requests } = renderShell({
      path: '/login',
      bff: { session: null, fragments: records() },
      loader: allUp(),
    });
    await user.click(await screen.findByRole('button', { name: 'Log in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your username and password.');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('logs out back to the login page', async () => {
    const user = userEvent.setup();
    renderShell({ path: '/portfolio', bff: { session: alice, fragments: records() }, loader: allUp() });
    await user.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Log in to SimpleBank' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });
});

describe('navigation from the registry', () => {
  it('shows a customer their entries and the user name, and starts at the first one', async () => {
    renderShell({ path: '/', bff: { session: alice, fragments: records() }, loader: allUp() });
    expect(await screen.findByRole('heading', { name: 'Orders at /portfolio' })).toBeInTheDocument();
    expect(navLabels()).toEqual(['Portfolio', 'Trade', 'Orders', 'Strategies']);
    expect(screen.getByText('Alice Smith')).toBeInTheDocument();
  });

  it('shows an admin the admin entries only', async () => {
    renderShell({ path: '/admin', bff: { session: admin, fragments: records() }, loader: allUp() });
    expect(await screen.findByRole('heading', { name: 'Admin at /admin' })).toBeInTheDocument();
    expect(navLabels()).toEqual(['Manage strategies', 'Admin']);
  });

  it('moves between fragments on the client, loading each when its route is opened', async () => {
    const user = userEvent.setup();
    const loader = allUp();
    renderShell({ path: '/portfolio', bff: { session: alice, fragments: records() }, loader });
    await screen.findByRole('heading', { name: 'Orders at /portfolio' });
    expect(loader.load.mock.calls.map((c) => c[0])).toEqual(['orders']);
    await user.click(within(mainNav()).getByRole('link', { name: 'Strategies' }));
    expect(await screen.findByRole('heading', { name: 'Strategies at /strategies' })).toBeInTheDocument();
    // The slot says its version once it counts the fragment as ready, which can be a render after
    // the fragment's own heading appears.
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Strategies fragment' })).toHaveAttribute(
        'data-fragment-version',
        '1.0.0-aaaaaaaaaa',
      ),
    );
  });
});

describe('fragment routing', () => {
  it("lets a fragment's own <Routes> match absolute paths", async () => {
    function OrdersWithRoutes() {
      return (
        <Routes>
          <Route path="/orders/:id" element={<h1>One order</h1>} />
          <Route path="/orders" element={<h1>All orders</h1>} />
        </Routes>
      );
    }
    renderShell({
      path: '/orders/o-42',
      bff: { session: alice, fragments: records() },
      loader: loaderOf({ orders: OrdersWithRoutes }),
    });
    expect(await screen.findByRole('heading', { name: 'One order' })).toBeInTheDocument();
  });
});

describe('role gating', () => {
  it.each([
    ['a customer opening the admin console', alice, '/admin/users'],
    ["a customer opening the strategies fragment's admin area", alice, '/admin/strategies'],
    ['an admin opening a customer page', admin, '/trade'],
  ])('shows "Not allowed" to %s', async (_case, session, path) => {
    const loader = allUp();
    renderShell({ path, bff: { session, fragments: records() }, loader });
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(loader.load).not.toHaveBeenCalled();
  });

  it('says when a page does not exist', async () => {
    renderShell({ path: '/nowhere', bff: { session: alice, fragments: records() }, loader: allUp() });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});

describe('a dead remote', () => {
  it('shows its fallback while the shell and the other fragments keep working', async () => {
    const user = userEvent.setup();
    const loader = loaderOf({ orders: fakeFragment('Orders') }); // strategies is down
    renderShell({ path: '/strategies', bff: { session: alice, fragments: records() }, loader });
    const slot = await screen.findByRole('region', { name: 'Strategies fragment' });
    expect(await within(slot).findByRole('alert')).toHaveTextContent('Strategies is unavailable right now');
    expect(within(slot).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    await user.click(within(mainNav()).getByRole('link', { name: 'Trade' }));
    expect(await screen.findByRole('heading', { name: 'Orders at /trade' })).toBeInTheDocument();
  });
});

describe('a registry outage', () => {
  it('keeps the header and offers a retry that recovers', async () => {
    const user = userEvent.setup();
    const bff = { session: alice, fragments: records(), fragmentsStatus: 503 };
    renderShell({ path: '/portfolio', bff, loader: allUp() });
    expect(await screen.findByRole('alert')).toHaveTextContent("The app's sections could not be loaded");
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    bff.fragmentsStatus = 0;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Orders at /portfolio' })).toBeInTheDocument();
  });
});

describe('realtime', () => {
  it('shows the live-updates state of the one connection', async () => {
    const { realtime } = renderShell({
      path: '/portfolio',
      bff: { session: alice, fragments: records() },
      loader: allUp(),
    });
    const status = await screen.findByRole('status', { name: 'Live updates' });
    expect(status).toHaveTextContent('Live');
    act(() => realtime.setState('disconnected'));
    expect(status).toHaveTextContent('Live updates paused — refreshing every few seconds');
  });
});

describe('services fragments share through the shell', () => {
  it('feeds feature flags from the BFF and from realtime pushes, newer versions only', async () => {
    function FlagReader() {
      return <h1>{useFlag('newTicket') ? 'New ticket' : 'Old ticket'}</h1>;
    }
    const { realtime } = renderShell({
      path: '/trade',
      bff: { session: alice, fragments: records(), flags: { newTicket: true } },
      loader: loaderOf({ orders: FlagReader }),
    });
    const slow = { timeout: 10_000 };
    expect(await screen.findByRole('heading', { name: 'New ticket' }, slow)).toBeInTheDocument();
    act(() => realtime.publish('flags', { flags: { newTicket: false }, version: 2 }));
    // Awaited: the heading can be on screen before React has run the effect that subscribes it to
    // the flag (useSyncExternalStore subscribes after commit); it then catches up on its own.
    expect(await screen.findByRole('heading', { name: 'Old ticket' }, slow)).toBeInTheDocument();
    // Now subscribed, so an applied push would re-render inside act(): checking at once is enough.
    act(() => realtime.publish('flags', { flags: { newTicket: true }, version: 1 })); // stale: ignored
    expect(screen.getByRole('heading', { name: 'Old ticket' })).toBeInTheDocument();
  }, 30_000);

  it("shows a fragment's notification", async () => {
    const user = userEvent.setup();
    function Notifier() {
      const events = useEvents();
      return (
        <button
          type="button"
          onClick={() => events.emit('notify', { message: 'Order placed', tone: 'success' })}
        >
          Place order
        </button>
      );
    }
    renderShell({
      path: '/trade',
      bff: { session: alice, fragments: records() },
      loader: loaderOf({ orders: Notifier }),
    });
    await user.click(await screen.findByRole('button', { name: 'Place order' }));
    expect(screen.getByText('Order placed')).toBeInTheDocument();
  });
});

describe('which builds served the user (docs/OBSERVABILITY.md)', () => {
  it('reports the builds of the fragments it mounted, with the canary flag', async () => {
    const canary = { version: '1.1.0-bbbbbbbbbb', contractVersion: '2.0.0', manifestUrl: '/m.json' };
    const { requests } = renderShell({
      path: '/orders',
      bff: {
        session: alice,
        fragments: [ordersRecord({ channel: 'canary', candidates: [canary] }), strategiesRecord()],
      },
      loader: allUp(),
    });
    expect(await screen.findByRole('heading', { name: 'Orders at /orders' })).toBeInTheDocument();
    await vi.waitFor(() => {
      if (!requests.some((r) => r.method === 'PUT')) throw new Error('not reported yet');
    });
    const report = requests.find((r) => r.method === 'PUT' && r.url.endsWith('/api/session/builds'));
    // Only the fragment on the page was loaded: strategies is not reported.
    expect(await report!.clone().json()).toEqual({
      fragments: [{ name: 'orders', version: canary.version, canary: true }],
    });
  });

  it('starts the browser tracing only when the BFF says tracing is on', async () => {
    const off = vi.fn();
    renderShell({
      path: '/orders',
      bff: { session: alice, fragments: records() },
      loader: allUp(),
      startTracing: off,
    });
    expect(await screen.findByRole('heading', { name: 'Orders at /orders' })).toBeInTheDocument();
    expect(off).not.toHaveBeenCalled();

    const on = vi.fn();
    renderShell({
      path: '/orders',
      bff: { session: alice, fragments: records(), telemetry: { tracesUrl: '/api/telemetry/traces' } },
      loader: allUp(),
      startTracing: on,
    });
    await vi.waitFor(() => expect(on).toHaveBeenCalledWith({ tracesUrl: '/api/telemetry/traces' }));
  });
});
