import { holdAnswer, http, mockContext, server, type Investment } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { renderFragment } from '../../../test/render.tsx';

const at = '2026-11-26T10:00:00.000Z';
const investment: Investment = {
  id: 'inv-7',
  strategyId: 'str-income',
  accountId: 'acc-alice-1',
  customerId: 'c-alice',
  amount: '250.00',
  paymentId: 'pay-7',
  status: 'investing',
  statusReason: null,
  orders: [],
  createdAt: at,
  updatedAt: at,
  version: 3,
};

describe('your investments on /strategies', () => {
  it('lists them with a live status and a link to follow each', async () => {
    mockContext.db.state.investments.unshift(investment);
    const { services, user } = renderFragment('/strategies');
    const table = await screen.findByRole('table', { name: 'Your investments' });
    const row = within(table).getByRole('rowheader', { name: 'Steady Income' }).closest('tr')!;
    expect(row).toHaveTextContent('$250.00');
    expect(row).toHaveTextContent('Investing');
    act(() => services.realtime.publish('investments', { ...investment, status: 'completed', version: 4 }));
    await waitFor(() => expect(row).toHaveTextContent('Completed'));
    await user.click(
      within(row).getByRole('link', { name: 'Follow the investment of $250.00 in Steady Income' }),
    );
    expect(await screen.findByRole('heading', { name: 'Investment in Steady Income' })).toBeInTheDocument();
  });

  it('keeps the name of a strategy retired since (issue 15)', async () => {
    const strategy = mockContext.db.state.strategies.find((s) => s.id === 'str-income')!;
    strategy.status = 'retired';
    mockContext.db.state.investments.unshift(investment);
    const { services } = renderFragment('/strategies');
    const table = await screen.findByRole('table', { name: 'Your investments' });
    expect(within(table).getByRole('rowheader', { name: 'Steady Income' })).toBeInTheDocument();
    // A push carries no name: the row keeps the one it had.
    act(() => services.realtime.publish('investments', { ...investment, status: 'completed', version: 4 }));
    await waitFor(() => expect(table).toHaveTextContent('Completed'));
    expect(within(table).getByRole('rowheader', { name: 'Steady Income' })).toBeInTheDocument();
  });

  it("keeps a status pushed while the list is being read, not the read's older answer", async () => {
    const { answered, answer } = holdAnswer<Investment[]>();
    server.use(
      http.get('/api/investments', async ({ response }) =>
        response(200).json({ items: await answered, page: 1, size: 20, total: 1 }),
      ),
    );
    const { services } = renderFragment('/strategies');
    await screen.findByRole('region', { name: 'Balanced Growth' });
    act(() => services.realtime.publish('investments', { ...investment, status: 'completed', version: 4 }));
    answer([{ ...investment, strategyName: 'Steady Income' }]);

    const table = await screen.findByRole('table', { name: 'Your investments' });
    const row = within(table).getByRole('rowheader', { name: 'Steady Income' }).closest('tr')!;
    expect(row).toHaveTextContent('Completed');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('is not shown before the first investment', async () => {
    const { services } = renderFragment('/strategies');
    await screen.findByRole('region', { name: 'Balanced Growth' });
    // Absent because the answer was empty, not because it has not come yet.
    await waitFor(() =>
      expect(services.queryClient.getQueryState(queryKeys.myInvestments())?.status).toBe('success'),
    );
    expect(screen.queryByRole('table', { name: 'Your investments' })).not.toBeInTheDocument();
  });
});
