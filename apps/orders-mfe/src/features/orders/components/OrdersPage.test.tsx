import { buildOrder, errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const rowOf = (cell: HTMLElement) => cell.closest('tr')!;

describe('/orders', () => {
  it('lists her orders newest first with their status and reason', async () => {
    renderFragment('/orders');
    expect(screen.getByRole('status')).toHaveTextContent('Loading your orders…');
    const rows = await screen.findAllByRole('rowheader');
    expect(rows).toHaveLength(12);
    const first = rowOf(rows[0]!);
    expect(first).toHaveTextContent('NRTH');
    expect(within(first).getByRole('cell', { name: 'Sell' })).toBeInTheDocument();
    expect(within(first).getByText('Placed')).toBeInTheDocument();
    const rejected = rowOf(screen.getByRole('rowheader', { name: /FABR/ }));
    expect(within(rejected).getByText('Rejected')).toHaveClass('sb-tone--danger');
    expect(rejected).toHaveTextContent('FABR');
    expect(rejected).toHaveTextContent('Insufficient funds');
    expect(rowOf(screen.getAllByRole('rowheader', { name: /SBGB/ })[0]!)).toHaveTextContent(
      'Strategy investment',
    );
  });

  it('filters by status on the server', async () => {
    const { user } = renderFragment('/orders');
    await screen.findAllByRole('rowheader');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Completed');
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(6));
    const statuses = screen
      .getAllByRole('rowheader')
      .map(
        (cell) =>
          within(rowOf(cell)).getByText(/^(Completed|Placed|Rejected|Failed|Cancelled|Expired)$/).textContent,
      );
    expect(new Set(statuses)).toEqual(new Set(['Completed']));
    expect(statuses).toHaveLength(6);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Cancelling');
    expect(await screen.findByRole('cell', { name: 'No cancelling orders.' })).toBeInTheDocument();
  });

  it('follows pushed order views: a status moves on, a new order appears on top', async () => {
    const { services } = renderFragment('/orders');
    const [first] = await screen.findAllByRole('rowheader');
    const placed = buildOrder({
      id: 'ord-1012',
      accountId: 'acc-alice-1',
      assetId: 'ast-nrth',
      side: 'sell',
      quantity: '5',
      status: 'completed',
    });
    act(() => services.realtime.publish('orders', { ...placed, version: 10 }));
    expect(await within(rowOf(first!)).findByText('Completed')).toBeInTheDocument();

    const fresh = buildOrder({
      id: 'ord-9001',
      accountId: 'acc-alice-1',
      assetId: 'ast-litw',
      quantity: '2',
      status: 'pending',
    });
    act(() => services.realtime.publish('orders', fresh));
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(13));
    const rows = screen.getAllByRole('rowheader');
    expect(rowOf(rows[0]!)).toHaveTextContent('LITW');
    expect(within(rowOf(rows[0]!)).getByText('Pending')).toBeInTheDocument();
  });

  it('explains an empty list', async () => {
    server.use(
      http.get('/api/orders', ({ response }) =>
        response(200).json({ items: [], page: 1, size: 20, total: 0 }),
      ),
    );
    renderFragment('/orders');
    expect(
      await screen.findByRole('cell', { name: 'You have not placed any orders yet.' }),
    ).toBeInTheDocument();
  });

  it('shows an error when the orders cannot be loaded', async () => {
    server.use(
      http.get('/api/orders', ({ response }) =>
        response(503).json(errorBody('unavailable', 'Orders service is unavailable.')),
      ),
    );
    renderFragment('/orders');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load your orders.');
    expect(alert).toHaveTextContent('Orders service is unavailable.');
  });
});

describe('/orders after a gap in pushes', () => {
  const addMissedOrder = () =>
    mockContext.db.state.orderViews.unshift(
      buildOrder({
        id: 'ord-9100',
        accountId: 'acc-alice-1',
        assetId: 'ast-advw',
        quantity: '7',
        status: 'completed',
      }),
    );

  it('refetches when the connection comes back', async () => {
    const { services } = renderFragment('/orders');
    await screen.findAllByRole('rowheader');
    act(() => services.realtime.setState('disconnected'));
    addMissedOrder(); // happened while the connection was down: no push reached the page
    act(() => services.realtime.setState('connected'));
    expect(await screen.findByRole('rowheader', { name: /ADVW/ })).toBeInTheDocument();
  });

  it('refetches when the server asks for a resync', async () => {
    const { services } = renderFragment('/orders');
    await screen.findAllByRole('rowheader');
    addMissedOrder();
    act(() => services.realtime.publish('resync', { version: 1 }));
    expect(await screen.findByRole('rowheader', { name: /ADVW/ })).toBeInTheDocument();
  });
});

describe('an order timeline', () => {
  it('opens under the order and follows pushed steps', async () => {
    const { services, user } = renderFragment('/orders');
    const toggle = await screen.findByRole('button', { name: 'Steps of Buy 500 FABR' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const rejected = screen.getByRole('list', { name: 'Timeline of Buy 500 FABR' });
    const steps = within(rejected).getAllByRole('listitem');
    expect(steps.map((step) => within(step).getByText(/^(Pending|Rejected)$/).textContent)).toEqual([
      'Pending',
      'Rejected',
    ]);
    expect(steps[1]).toHaveTextContent('Insufficient funds');

    await user.click(screen.getByRole('button', { name: 'Steps of Sell 5 NRTH' }));
    const nrth = screen.getByRole('list', { name: 'Timeline of Sell 5 NRTH' });
    expect(within(nrth).getAllByRole('listitem')).toHaveLength(3);
    const placed = buildOrder({
      id: 'ord-1012',
      accountId: 'acc-alice-1',
      assetId: 'ast-nrth',
      side: 'sell',
      quantity: '5',
      status: 'completed',
    });
    act(() => services.realtime.publish('orders', { ...placed, version: 10 }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Timeline of Sell 5 NRTH' })).getAllByRole('listitem'),
      ).toHaveLength(4),
    );

    await user.click(toggle);
    expect(screen.queryByRole('list', { name: 'Timeline of Buy 500 FABR' })).not.toBeInTheDocument();
  });
});

// Issue 15: filters that say why the list is empty, an account column, filters in the URL.
// Loaded CI machines make several user events slower than the 5 s default.
describe('/orders filters (issue 15)', () => {
  it('says no order matches the filters, not that there are no orders', async () => {
    const { user } = renderFragment('/orders');
    await screen.findAllByRole('rowheader');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Asset' }), 'ast-fabr');
    await waitFor(() =>
      screen.getAllByRole('rowheader').forEach((cell) => expect(cell).toHaveTextContent('FABR')),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Expired');
    expect(await screen.findByRole('cell', { name: 'No orders match these filters.' })).toBeInTheDocument();
    expect(screen.queryByText('You have not placed any orders yet.')).not.toBeInTheDocument();
  }, 30_000);

  it('refuses an "until" day before the "from" day with a message', async () => {
    const { user } = renderFragment('/orders');
    await screen.findAllByRole('rowheader');
    await user.type(screen.getByLabelText('Placed from'), '2026-11-20');
    await user.type(screen.getByLabelText('Placed until'), '2026-11-10');
    expect(screen.getByLabelText('Placed until')).toHaveAccessibleDescription(
      'The "until" day is before the "from" day. Pick an "until" day on or after it.',
    );
  }, 30_000);

  it('shows a short reference, the fee and the total of each order', async () => {
    renderFragment('/orders');
    const rows = await screen.findAllByRole('rowheader');
    const headers = screen.getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Reference', 'Fee', 'Total']));
    expect(rows.length).toBeGreaterThan(0);
  }, 30_000);
});
