import { FIXTURE_NOW } from '@simplebank/mocks/node';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const requestIds = () =>
  within(screen.getByRole('table', { name: 'Audit entries' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').at(-1)?.textContent);

const form = () => screen.getByRole('form', { name: 'Search the audit log' });

describe('/admin/audit', () => {
  it('lists who did what, when, with the request id', async () => {
    renderFragment('/admin/audit', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'fragment.rollback' });
    const row = screen.getByRole('rowheader', { name: 'fragment.rollback' }).closest('tr')!;
    expect(row).toHaveTextContent('admin');
    expect(row).toHaveTextContent('fragment:orders');
    expect(row).toHaveTextContent('req-5b10');
    expect(requestIds()).toHaveLength(7);
  });

  it('says which fragment builds served an order placement', async () => {
    renderFragment('/admin/audit', { user: 'admin' });
    const placed = (await screen.findByText('req-7f3a')).closest('tr')!;
    expect(placed).toHaveTextContent('builds: orders 1.3.0-9c1e7b2a44 (canary)');
  });

  it('searches by user, action and request id', async () => {
    const { user } = renderFragment('/admin/audit', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'fragment.rollback' });
    await user.selectOptions(within(form()).getByLabelText('User'), 'bob');
    await user.click(within(form()).getByRole('button', { name: 'Search' }));
    await screen.findByText('req-3e88');
    expect(requestIds()).toEqual(['req-3e88']);

    await user.click(within(form()).getByRole('button', { name: 'Clear' }));
    await user.type(within(form()).getByLabelText('Action'), 'strategy.publish');
    await user.click(within(form()).getByRole('button', { name: 'Search' }));
    await screen.findByText('req-1c52');
    expect(requestIds()).toEqual(['req-3e88', 'req-2d71', 'req-1c52']);

    await user.click(within(form()).getByRole('button', { name: 'Clear' }));
    await user.type(within(form()).getByLabelText('Request id'), 'req-6c21');
    await user.click(within(form()).getByRole('button', { name: 'Search' }));
    await screen.findByText('ord-1011', { exact: false });
    expect(requestIds()).toEqual(['req-6c21']);
  });

  it('searches by a range of days', async () => {
    const { user } = renderFragment('/admin/audit', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'fragment.rollback' });
    // Days counted back from the fixtures' fixed "now", not today's date: the search must find the
    // same entry whatever day the test runs.
    const day = (daysAgo: number) =>
      new Date(Date.parse(FIXTURE_NOW) - daysAgo * 86_400_000).toISOString().slice(0, 10);
    // Entries from 10 to 25 days before it: only req-2d71 (21 days).
    await user.type(within(form()).getByLabelText('From'), day(25));
    await user.type(within(form()).getByLabelText('To'), day(10));
    await user.click(within(form()).getByRole('button', { name: 'Search' }));
    await screen.findByText('req-2d71');
    expect(requestIds()).toEqual(['req-2d71']);
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/audit', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
  });
});
