import { buildOrder, errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const account = (name: string) => screen.getByRole('region', { name });
/** The value of a labelled figure (dt/dd) in a region. */
const stat = (region: HTMLElement, label: string) =>
  within(region)
    .getAllByRole('term')
    .find((term) => term.textContent === label)?.nextElementSibling;
const holdingRow = (region: HTMLElement, symbol: string) =>
  within(region)
    .getAllByRole('rowheader')
    .find((cell) => cell.textContent?.startsWith(symbol))!
    .closest('tr')!;

describe('/portfolio', () => {
  it("shows alice's accounts, cash and holdings valued exactly", async () => {
    renderFragment('/portfolio');
    expect(screen.getByRole('status')).toHaveTextContent('Loading your portfolio…');
    const everyday = await screen.findByRole('region', { name: 'Everyday investing' });
    expect(stat(everyday, 'Available cash')).toHaveTextContent('$12,480.35');
    expect(stat(everyday, 'Reserved for orders')).toHaveTextContent('$624.00');
    const abc = holdingRow(everyday, 'ABC');
    expect(within(abc).getByRole('cell', { name: '$4,685.50' })).toBeInTheDocument(); // 25 × 187.42
    const fund = holdingRow(everyday, 'SBWE');
    expect(within(fund).getByRole('cell', { name: '120.5' })).toBeInTheDocument();
    expect(within(fund).getByRole('cell', { name: '$2,974.06' })).toBeInTheDocument(); // 120.5 × 24.6810
    expect(within(holdingRow(everyday, 'NRTH')).getByRole('cell', { name: '5' })).toBeInTheDocument(); // reserved for a sell
    const summary = account('Summary');
    expect(stat(summary, 'Holdings value')).toHaveTextContent('$16,619.32');
    expect(stat(summary, 'Open orders')).toHaveTextContent('2');
    expect(account('Retirement')).toBeInTheDocument();
  });

  it('revalues a holding when its price is pushed', async () => {
    const { services } = renderFragment('/portfolio');
    const everyday = await screen.findByRole('region', { name: 'Everyday investing' });
    await within(holdingRow(everyday, 'ABC')).findByRole('cell', { name: '$187.42' });
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '200.00',
        priceTime: '2026-11-26T09:31:00Z',
        version: 1,
      }),
    );
    expect(
      await within(holdingRow(everyday, 'ABC')).findByRole('cell', { name: '$5,000.00' }),
    ).toBeInTheDocument();
  });

  it('shows the cost basis and a gain or a loss per holding, in words as well as colour, and the total', async () => {
    renderFragment('/portfolio');
    const everyday = await screen.findByRole('region', { name: 'Everyday investing' });
    const abc = holdingRow(everyday, 'ABC');
    expect(within(abc).getByRole('cell', { name: '$4,250.00' })).toBeInTheDocument(); // cost basis
    const gain = within(abc).getByRole('cell', { name: '+$435.50 gain' }); // 4685.50 − 4250.00
    expect(gain.querySelector('.sb-gain')).not.toBeNull();
    const nrth = holdingRow(everyday, 'NRTH');
    expect(within(nrth).getByRole('cell', { name: '$2,780.00' })).toBeInTheDocument();
    const loss = within(nrth).getByRole('cell', { name: '-$254.00 loss' }); // 40 × 63.15 − 2780.00
    expect(loss.querySelector('.sb-loss')).not.toBeNull();
    const summary = account('Summary');
    expect(stat(summary, 'Cost basis')).toHaveTextContent('$16,240.00');
    expect(stat(summary, 'Profit/loss')).toHaveTextContent('+$379.32 gain'); // 16619.32 − 16240.00
  });

  it('updates profit and loss live with price pushes, from gain to loss', async () => {
    const { services } = renderFragment('/portfolio');
    const everyday = await screen.findByRole('region', { name: 'Everyday investing' });
    await within(holdingRow(everyday, 'ABC')).findByRole('cell', { name: '+$435.50 gain' });
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '200.00',
        priceTime: '2026-11-26T09:31:00Z',
        version: 1,
      }),
    );
    expect(
      await within(holdingRow(everyday, 'ABC')).findByRole('cell', { name: '+$750.00 gain' }),
    ).toBeInTheDocument();
    expect(stat(account('Summary'), 'Profit/loss')).toHaveTextContent('+$693.82 gain'); // 16933.82 − 16240.00
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '150.00',
        priceTime: '2026-11-26T09:32:00Z',
        version: 2,
      }),
    );
    expect(
      await within(holdingRow(everyday, 'ABC')).findByRole('cell', { name: '-$500.00 loss' }),
    ).toBeInTheDocument();
    // 25 × 150 = 3750.00: total value 15683.82, 556.18 below the total cost basis
    expect(stat(account('Summary'), 'Profit/loss')).toHaveTextContent('-$556.18 loss');
  });

  it('refetches cash and holdings when a pushed order settles', async () => {
    const { services } = renderFragment('/portfolio');
    const everyday = await screen.findByRole('region', { name: 'Everyday investing' });
    expect(within(holdingRow(everyday, 'ABC')).getByRole('cell', { name: '25' })).toBeInTheDocument();
    // The saga settled a buy of 5 ABC on the server; only the push tells this page.
    mockContext.db.state.holdings.find(
      (h) => h.accountId === 'acc-alice-1' && h.assetId === 'ast-abc',
    )!.quantity = '30';
    act(() =>
      services.realtime.publish('orders', {
        ...buildOrder({ id: 'ord-9400', accountId: 'acc-alice-1', assetId: 'ast-abc', quantity: '5' }),
        status: 'completed',
        version: 4,
      }),
    );
    expect(await within(holdingRow(everyday, 'ABC')).findByRole('cell', { name: '30' })).toBeInTheDocument();
  });

  it('shows holdings without valuations, and says why, when prices are unavailable', async () => {
    mockContext.db.state.pricesAvailable = false;
    renderFragment('/portfolio');
    const notice = await screen.findByText('Valuations are unavailable right now');
    expect(notice.closest('[role="status"]')).toHaveTextContent(
      'your holdings are shown without their value',
    );
    const abc = holdingRow(account('Everyday investing'), 'ABC');
    expect(within(abc).getByRole('cell', { name: '25' })).toBeInTheDocument();
    // price, value and profit/loss are unknown; what the holding cost is still known
    expect(within(abc).getAllByRole('cell', { name: 'Not available' })).toHaveLength(3);
    expect(within(abc).getByRole('cell', { name: '$4,250.00' })).toBeInTheDocument();
    expect(within(abc).queryByText(/gain|loss/)).not.toBeInTheDocument();
    expect(stat(account('Summary'), 'Holdings value')).toHaveTextContent('Not available');
    expect(stat(account('Summary'), 'Cost basis')).toHaveTextContent('$16,240.00');
    expect(stat(account('Summary'), 'Profit/loss')).toHaveTextContent('Not available');
  });

  it('invites a customer without holdings to trade', async () => {
    server.use(
      http.get('/api/portfolio', ({ response }) =>
        response(200).json({
          customerId: 'c-new',
          accounts: [
            {
              id: 'acc-new',
              customerId: 'c-new',
              name: 'First account',
              currency: 'USD',
              cash: { available: '500.00', reserved: '0.00' },
            },
          ],
          holdings: [],
          openOrders: [],
          valuation: {
            available: true,
            stale: false,
            totalValue: '0.00',
            totalCostBasis: '0.00',
            totalUnrealizedPnl: '0.00',
            asOf: null,
          },
        }),
      ),
    );
    const { user } = renderFragment('/portfolio');
    expect(await screen.findByRole('cell', { name: 'No holdings in this account yet.' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to trade' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Trade' })).toBeInTheDocument();
  });

  it('shows an error when the portfolio cannot be loaded', async () => {
    server.use(
      http.get('/api/portfolio', ({ response }) =>
        response(503).json(errorBody('unavailable', 'Accounts service is unavailable.')),
      ),
    );
    renderFragment('/portfolio');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load your portfolio.');
    expect(alert).toHaveTextContent('Accounts service is unavailable.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('tells an admin that portfolios are for customers', async () => {
    renderFragment('/portfolio', { user: 'admin' });
    expect(await screen.findByText('Only customers have a portfolio')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
