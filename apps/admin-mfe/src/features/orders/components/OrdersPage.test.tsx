import { buildOrder, holdAnswer, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const table = () => screen.getByRole('table', { name: 'All orders' });
const orderRow = (id: string) => within(table()).getByRole('rowheader', { name: id }).closest('tr')!;

describe('/admin/orders', () => {
  it("lists every customer's orders, newest first", async () => {
    renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-1012' });
    expect(screen.getByRole('rowheader', { name: 'ord-0901' })).toBeInTheDocument(); // Bob's too
    expect(orderRow('ord-1012')).toHaveTextContent('Sell 5 NRTH at market');
    // Issue 15: the customer's name, not their id.
    expect(await within(orderRow('ord-1012')).findByText('Alice Martin')).toBeInTheDocument();
    expect(orderRow('ord-1012')).not.toHaveTextContent('c-alice');
  }, 30_000);

  it('filters by status, asset and customer', async () => {
    const { user } = renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-1012' });
    // The form is rebuilt from the address after each change, so it is looked up each time.
    const filters = () => screen.getByRole('form', { name: 'Filter orders' });
    await user.selectOptions(within(filters()).getByLabelText('Customer'), 'Bob Okafor');
    await user.click(within(filters()).getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('rowheader', { name: 'ord-0902' });
    expect(screen.queryByRole('rowheader', { name: 'ord-1012' })).not.toBeInTheDocument();

    await user.selectOptions(within(filters()).getByLabelText('Status'), 'pending');
    await user.click(within(filters()).getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('rowheader', { name: 'ord-0901' });
    expect(screen.queryByRole('rowheader', { name: 'ord-0902' })).not.toBeInTheDocument();

    await user.click(within(filters()).getByRole('button', { name: 'Clear filters' }));
    await user.selectOptions(within(filters()).getByLabelText('Asset'), 'ast-nrth');
    await user.click(within(filters()).getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('rowheader', { name: 'ord-1012' });
    expect(
      within(table())
        .getAllByRole('row')
        .slice(1)
        .every((row) => row.textContent?.includes('NRTH')),
    ).toBe(true);
  });

  it('filters by creation date, from the start of the first day to the end of the last', async () => {
    const asked: { from: string | null; to: string | null }[] = [];
    server.use(
      http.get('/api/admin/orders', ({ query, response }) => {
        asked.push({ from: query.get('from'), to: query.get('to') });
        const dated = query.get('from') !== null;
        const order = buildOrder({
          id: dated ? 'ord-dated' : 'ord-any',
          accountId: 'acc-bob-1',
          assetId: 'ast-abc',
        });
        return response(200).json({ page: 1, size: 20, total: 1, items: [order] });
      }),
    );
    const { user } = renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-any' });
    const filters = () => screen.getByRole('form', { name: 'Filter orders' });
    await user.type(within(filters()).getByLabelText('Created from'), '2026-11-02');
    await user.type(within(filters()).getByLabelText('Created until'), '2026-11-05');
    await user.click(within(filters()).getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('rowheader', { name: 'ord-dated' });
    expect(asked.at(-1)).toEqual({
      from: new Date(2026, 10, 2).toISOString(),
      to: new Date(2026, 10, 6).toISOString(),
    });
    // The form is rebuilt from the address: the days are still shown.
    expect(within(filters()).getByLabelText('Created from')).toHaveValue('2026-11-02');
    expect(within(filters()).getByLabelText('Created until')).toHaveValue('2026-11-05');

    await user.click(within(filters()).getByRole('button', { name: 'Clear filters' }));
    await screen.findByRole('rowheader', { name: 'ord-any' });
    expect(asked.at(-1)).toEqual({ from: null, to: null });
  });

  it('takes the dates from the address and filters the mock orders by them', async () => {
    const times = mockContext.db.state.orderViews.map((o) => Date.parse(o.createdAt));
    const newest = Math.max(...times);
    const newestId = mockContext.db.state.orderViews.find((o) => Date.parse(o.createdAt) === newest)!.id;
    const to = new Date(newest).toISOString();
    renderFragment(`/admin/orders?to=${encodeURIComponent(to)}`, { user: 'admin' });
    await screen.findByRole('table', { name: 'All orders' });
    await screen.findAllByRole('rowheader');
    expect(within(table()).queryByRole('rowheader', { name: newestId })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Created until')).toHaveValue(
      (() => {
        const d = new Date(newest - 1);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      })(),
    );
  });

  it('takes its filters from the address (from the customers page)', async () => {
    renderFragment('/admin/orders?customerId=c-bob', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-0901' });
    expect(screen.queryByRole('rowheader', { name: 'ord-1012' })).not.toBeInTheDocument();
    expect(await screen.findByRole('option', { name: 'Bob Okafor', selected: true })).toBeInTheDocument();
  });

  it("shows an order's steps and saga log", async () => {
    const { user } = renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-1010' });
    await user.click(screen.getByRole('button', { name: 'Show timeline of order ord-1010' }));
    const log = await screen.findByRole('list', { name: 'Saga log of order ord-1010' });
    const steps = within(log).getAllByRole('listitem');
    expect(steps[0]).toHaveTextContent('pending');
    expect(steps.at(-1)).toHaveTextContent('rejected');
    expect(screen.getByRole('list', { name: 'Status steps of order ord-1010' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hide timeline of order ord-1010' }));
    expect(screen.queryByRole('list', { name: 'Saga log of order ord-1010' })).not.toBeInTheDocument();
  });

  it('shows which fragment builds served the customer who placed the order', async () => {
    mockContext.db.state.reportedBuilds['u-alice'] = {
      reportedAt: '2026-01-01T10:00:00Z',
      fragments: [{ name: 'orders', version: '1.1.0-bbbbbbbbbb', canary: true }],
    };
    const { user } = renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-1010' });
    await user.click(screen.getByRole('button', { name: 'Show timeline of order ord-1010' }));
    const builds = await screen.findByRole('list', { name: 'Builds that served order ord-1010' });
    expect(within(builds).getByRole('listitem')).toHaveTextContent('orders 1.1.0-bbbbbbbbbb canary');
  });

  it('says when the builds that served an order are not known', async () => {
    const { user } = renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-1010' });
    await user.click(screen.getByRole('button', { name: 'Show timeline of order ord-1010' }));
    expect(await screen.findByText(/Not known: the order was not placed/)).toBeInTheDocument();
  });

  it('shows new orders and status changes live', async () => {
    const { services } = renderFragment('/admin/orders', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'ord-1012' });

    // A customer places an order: the read model has it, then the BFF pushes the view.
    const fresh = buildOrder({
      id: 'ord-2000',
      accountId: 'acc-bob-1',
      assetId: 'ast-abc',
      status: 'pending',
    });
    mockContext.db.state.orderViews.push(fresh);
    act(() => services.realtime.publish('orders', fresh));
    expect(await screen.findByRole('rowheader', { name: 'ord-2000' })).toBeInTheDocument();

    // Its next step arrives as a newer version of the view.
    const placed = buildOrder({
      id: 'ord-2000',
      accountId: 'acc-bob-1',
      assetId: 'ast-abc',
      status: 'placed',
    });
    act(() => services.realtime.publish('orders', placed));
    expect(await within(orderRow('ord-2000')).findByText('Placed')).toBeInTheDocument();

    // An older version arriving late does not undo it.
    act(() => services.realtime.publish('orders', fresh));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(orderRow('ord-2000')).getByText('Placed')).toBeInTheDocument();
  });

  it('shows an order pushed while the page was first reading the orders', async () => {
    const fresh = buildOrder({
      id: 'ord-2000',
      accountId: 'acc-bob-1',
      assetId: 'ast-abc',
      status: 'pending',
    });
    const { answered, answer } = holdAnswer();
    let reads = 0;
    server.use(
      http.get('/api/admin/orders', async ({ response }) => {
        reads += 1;
        if (reads > 1) return response(200).json({ items: [fresh], page: 1, size: 20, total: 1 });
        await answered; // taken before the customer placed the order
        return response(200).json({ items: [], page: 1, size: 20, total: 0 });
      }),
    );
    const { services } = renderFragment('/admin/orders', { user: 'admin' });
    await waitFor(() => expect(reads).toBe(1));
    act(() => services.realtime.publish('orders', fresh));
    answer();

    expect(await screen.findByRole('rowheader', { name: 'ord-2000' })).toBeInTheDocument();
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/orders', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
