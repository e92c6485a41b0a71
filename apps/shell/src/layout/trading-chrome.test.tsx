import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { adminRecord, ordersRecord, strategiesRecord } from '../test/records.ts';
import { admin, alice, fakeFragment, loaderOf, renderShell } from '../test/render-shell.tsx';
import { THEME_STORAGE_KEY } from '../theme/theme.ts';

const records = () => [ordersRecord(), strategiesRecord(), adminRecord()];
const allUp = () =>
  loaderOf({
    orders: fakeFragment('Orders'),
    strategies: fakeFragment('Strategies'),
    admin: fakeFragment('Admin'),
  });

const filledOrder = {
  id: 'ord-1',
  accountId: 'acc-1',
  assetId: 'ACME',
  side: 'buy',
  type: 'market',
  quantity: '5',
  limitPrice: null,
  status: 'completed',
  statusReason: null,
  fee: '1.00',
  fillPrice: '10.50',
  steps: [],
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:01.000Z',
  version: 4,
  source: { kind: 'customer' },
};

// Issue 15: notifications on any page, one highlighted menu entry, no 401 when logged out, dark theme.
describe('the shell around the trading screens (issue 15)', () => {
  afterEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
  });

  it('asks who is logged in without a request that fails for a logged-out visitor', async () => {
    const { requests } = renderShell({
      path: '/portfolio',
      bff: { session: null, fragments: records() },
      loader: allUp(),
    });
    expect(await screen.findByRole('heading', { name: 'Log in to SimpleBank' })).toBeInTheDocument();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/session/current']);
  });

  it('announces a fill pushed while another page is open, once, and lists it', async () => {
    const user = userEvent.setup();
    const { realtime } = renderShell({
      path: '/strategies',
      bff: { session: alice, fragments: records() },
      loader: allUp(),
    });
    await screen.findByRole('heading', { name: 'Strategies at /strategies' });
    act(() => realtime.publish('orders', { ...filledOrder, status: 'placed', version: 3 }));
    act(() => realtime.publish('orders', filledOrder));
    act(() => realtime.publish('orders', filledOrder)); // the same push twice is one notification
    const toast = screen.getByText('Filled: Buy 5 ACME at $10.50.');
    expect(toast.closest('[aria-live="polite"]')).not.toBeNull();
    const button = screen.getByRole('button', { name: 'Notifications, 1 new' });
    await user.click(button);
    const list = screen.getByRole('region', { name: 'Notifications' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Notifications' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('does not notify an admin of the orders of every customer', async () => {
    const { realtime } = renderShell({
      path: '/admin',
      bff: { session: admin, fragments: records() },
      loader: allUp(),
    });
    await screen.findByRole('heading', { name: 'Admin at /admin' });
    act(() => realtime.publish('orders', filledOrder));
    expect(screen.queryByText(/Filled:/)).not.toBeInTheDocument();
  });

  it('highlights one menu entry on an admin page', async () => {
    renderShell({
      path: '/admin/strategies',
      bff: { session: admin, fragments: records() },
      loader: allUp(),
    });
    await screen.findByRole('heading', { name: 'Strategies at /admin/strategies' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const current = within(nav)
      .getAllByRole('link')
      .filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.textContent)).toEqual(['Manage strategies']);
  });

  it('switches to the dark theme and remembers it', async () => {
    const user = userEvent.setup();
    renderShell({ path: '/portfolio', bff: { session: alice, fragments: records() }, loader: allUp() });
    const toggle = await screen.findByRole('button', { name: 'Dark theme' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  });
});
