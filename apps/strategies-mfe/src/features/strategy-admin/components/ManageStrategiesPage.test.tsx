import { errorBody, http, server } from '@simplebank/mocks/node';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const rowNames = (table: HTMLElement) =>
  within(table)
    .queryAllByRole('rowheader')
    .map((cell) => cell.textContent);

describe('/admin/strategies', () => {
  it('lists every strategy by status for an admin', async () => {
    renderFragment('/admin/strategies', { user: 'admin' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading strategies…');
    const drafts = await screen.findByRole('table', { name: 'Drafts' });
    expect(rowNames(drafts)).toEqual(['Tech Leaders']);
    expect(rowNames(screen.getByRole('table', { name: 'Published' }))).toEqual([
      'Balanced Growth',
      'Steady Income',
    ]);
    const retired = screen.getByRole('table', { name: 'Retired' });
    expect(rowNames(retired)).toEqual(['Cautious 2025']);
    const balanced = screen.getByRole('rowheader', { name: 'Balanced Growth' }).closest('tr')!;
    expect(within(balanced).getByText('Published')).toBeInTheDocument();
    expect(within(balanced).getByRole('cell', { name: '$48,250.00' })).toBeInTheDocument();
  });

  it('narrows to one status', async () => {
    const { user } = renderFragment('/admin/strategies', { user: 'admin' });
    await screen.findByRole('table', { name: 'Drafts' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Retired');
    await waitFor(() => expect(screen.getAllByRole('table')).toHaveLength(1));
    expect(rowNames(screen.getByRole('table', { name: 'Retired' }))).toEqual(['Cautious 2025']);
  });

  it('says so when a status has no strategies', async () => {
    server.use(http.get('/api/strategies', ({ response }) => response(200).json({ items: [] })));
    renderFragment('/admin/strategies', { user: 'admin' });
    expect(await screen.findByRole('cell', { name: 'No draft strategies.' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'No retired strategies.' })).toBeInTheDocument();
  });

  it('shows an error when the list cannot be loaded', async () => {
    server.use(
      http.get('/api/strategies', ({ response }) =>
        response(503).json(errorBody('unavailable', 'Strategies service is unavailable.')),
      ),
    );
    renderFragment('/admin/strategies', { user: 'admin' });
    expect(await screen.findByRole('alert')).toHaveTextContent('We could not load the strategies.');
  });

  it('tells a customer they are not allowed, without calling the admin API', async () => {
    renderFragment('/admin/strategies', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
