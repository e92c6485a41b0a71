import { errorBody, http, server } from '@simplebank/mocks/node';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const rowOf = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;

describe('/admin/customers', () => {
  it('lists customers with their accounts, cash and open orders', async () => {
    renderFragment('/admin/customers', { user: 'admin' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading customers…');
    await screen.findByRole('rowheader', { name: 'Alice Martin' });
    const alice = rowOf('Alice Martin');
    expect(alice).toHaveTextContent('Everyday investing: $12,480.35 available, $624.00 reserved');
    expect(alice).toHaveTextContent('Retirement: $3,150.00 available');
    expect(within(alice).getAllByRole('cell').at(-2)).toHaveTextContent('2');
    expect(within(rowOf('Bob Okafor')).getAllByRole('cell').at(-2)).toHaveTextContent('1');
  });

  it('searches on the server by name or id, debounced, and pages over the results', async () => {
    const asked: { search: string | null; page: string | null }[] = [];
    server.use(
      http.get('/api/admin/customers', ({ query, response }) => {
        const search = query.get('search');
        const page = query.get('page');
        asked.push({ search, page });
        if (!search)
          return response(200).json({
            page: 1,
            size: 20,
            total: 1,
            items: [{ customer: { id: 'c-1', displayName: 'Anyone' }, accounts: [], openOrders: [] }],
          });
        if (search === 'nobody') return response(200).json({ page: 1, size: 20, total: 0, items: [] });
        const name = `${search} match ${page}`;
        return response(200).json({
          page: Number(page),
          size: 20,
          total: 25,
          items: [{ customer: { id: `c-${page}`, displayName: name }, accounts: [], openOrders: [] }],
        });
      }),
    );
    const { user } = renderFragment('/admin/customers', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'Anyone' });
    await user.type(screen.getByLabelText('Search customers'), 'okaf');
    expect(await screen.findByRole('rowheader', { name: 'okaf match 1' })).toBeInTheDocument();
    // One request for the whole word, not one per keystroke.
    expect(asked).toEqual([
      { search: null, page: '1' },
      { search: 'okaf', page: '1' },
    ]);
    const pager = screen.getByRole('navigation', { name: 'Pages of customers' });
    expect(pager).toHaveTextContent('Page 1 of 2');
    await user.click(within(pager).getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('rowheader', { name: 'okaf match 2' })).toBeInTheDocument();
    expect(asked.at(-1)).toEqual({ search: 'okaf', page: '2' });
    expect(screen.getByLabelText('Search customers')).toHaveValue('okaf');

    await user.clear(screen.getByLabelText('Search customers'));
    await user.type(screen.getByLabelText('Search customers'), 'nobody');
    expect(await screen.findByText('No customer matches the search.')).toBeInTheDocument();
    expect(asked.at(-1)).toEqual({ search: 'nobody', page: '1' });
  });

  it('takes the search from the address and finds customers through the mocks', async () => {
    renderFragment('/admin/customers?search=okafor', { user: 'admin' });
    expect(await screen.findByRole('rowheader', { name: 'Bob Okafor' })).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'Alice Martin' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Search customers')).toHaveValue('okafor');
  });

  it('pages through the customers', async () => {
    const pagesAsked: string[] = [];
    server.use(
      http.get('/api/admin/customers', ({ query, response }) => {
        const page = query.get('page') ?? '1';
        pagesAsked.push(page);
        const name = page === '1' ? 'First Customer' : 'Second Customer';
        return response(200).json({
          page: Number(page),
          size: 20,
          total: 21,
          items: [{ customer: { id: `c-${page}`, displayName: name }, accounts: [], openOrders: [] }],
        });
      }),
    );
    const { user } = renderFragment('/admin/customers', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'First Customer' });
    const pager = screen.getByRole('navigation', { name: 'Pages of customers' });
    expect(pager).toHaveTextContent('Page 1 of 2');
    await user.click(within(pager).getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('rowheader', { name: 'Second Customer' })).toBeInTheDocument();
    expect(pagesAsked).toEqual(['1', '2']);
  });

  it('shows an error the BFF gives', async () => {
    server.use(
      http.get('/api/admin/customers', ({ response }) =>
        response(503).json(errorBody('unavailable', 'The accounts service is unavailable.')),
      ),
    );
    renderFragment('/admin/customers', { user: 'admin' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the customers.');
    expect(alert).toHaveTextContent('The accounts service is unavailable.');
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/customers', { user: 'alice' });
    expect(screen.getByRole('heading', { level: 1, name: 'Customers' })).toBeInTheDocument();
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
