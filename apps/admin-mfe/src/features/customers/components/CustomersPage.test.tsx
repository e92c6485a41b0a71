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

  it('searches by name', async () => {
    const { user } = renderFragment('/admin/customers', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'Alice Martin' });
    await user.type(screen.getByLabelText('Search customers'), 'bob');
    expect(screen.queryByRole('rowheader', { name: 'Alice Martin' })).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Bob Okafor' })).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Search customers'));
    await user.type(screen.getByLabelText('Search customers'), 'nobody');
    expect(screen.getByText('No customer on this page matches the search.')).toBeInTheDocument();
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
