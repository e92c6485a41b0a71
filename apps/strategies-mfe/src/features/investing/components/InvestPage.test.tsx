import { errorBody, http, server } from '@simplebank/mocks/node';
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('investing in a strategy', () => {
  afterEach(() => server.events.removeAllListeners());

  it('shows the split per asset and the fees before confirming, then follows the investment', async () => {
    const requests: { key: string | null; body: unknown }[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && request.url.endsWith('/investments'))
        void request
          .clone()
          .json()
          .then((body: unknown) => requests.push({ key: request.headers.get('Idempotency-Key'), body }));
    });
    const { user, services } = renderFragment('/strategies');
    const requested: unknown[] = [];
    services.events.on('investment.requested', (payload) => requested.push(payload));
    await user.click(await screen.findByRole('link', { name: 'Invest in Balanced Growth' }));

    expect(await screen.findByRole('heading', { name: 'Invest in Balanced Growth' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Account'), 'acc-alice-2');
    await user.type(screen.getByLabelText('Amount'), '1000');
    const planned = screen.getByRole('table', { name: 'Orders to be placed' });
    const rows = within(planned).getAllByRole('row').slice(1);
    // The mocks charge the accounts service's schedule: 0.1% of each order, at least 1.00.
    expect(rows.map((row) => [within(row).getByRole('rowheader').textContent, ...cells(row)])).toEqual([
      ['SBWE', '40%', '$400.00', '$1.00'],
      ['SBGB', '30%', '$300.00', '$1.00'],
      ['UST10', '20%', '$200.00', '$1.00'],
      ['GREN', '10%', '$100.00', '$1.00'],
    ]);
    expect(screen.getByText('Estimated fees').nextSibling).toHaveTextContent('$4.00');
    expect(screen.getByText('Total from your account').nextSibling).toHaveTextContent('$1,004.00');

    await user.click(screen.getByRole('button', { name: 'Confirm investment' }));
    expect(await screen.findByRole('heading', { name: 'Investment in Balanced Growth' })).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toEqual({ accountId: 'acc-alice-2', amount: '1000' });
    expect(requests[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(requested).toEqual([
      { investmentId: expect.any(String), strategyId: 'str-balanced', accountId: 'acc-alice-2' },
    ]);
    const orders = await screen.findByRole('table', { name: 'Orders' });
    expect(within(orders).getAllByRole('row')).toHaveLength(5);
    expect(await screen.findByRole('status', { name: 'Investment status' })).toHaveTextContent('Completed');
    expect(screen.getByText('Your investment is complete')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Your holdings in Retirement' })).toBeInTheDocument();
  });

  it('refuses an amount it cannot invest, without sending anything', async () => {
    let posted = 0;
    server.use(
      http.post('/api/strategies/{id}/investments', ({ response }) => {
        posted += 1;
        return response(503).json(errorBody('unavailable', 'must not be called'));
      }),
    );
    const { user } = renderFragment('/strategies/str-balanced/invest');
    const amount = await screen.findByLabelText('Amount');
    const confirm = screen.getByRole('button', { name: 'Confirm investment' });
    await user.click(confirm);
    expect(amount).toHaveAccessibleDescription(/Enter an amount\./);
    await user.type(amount, '10.005');
    expect(amount).toHaveAccessibleDescription(/Use at most 2 decimals\./);
    await user.clear(amount);
    await user.type(amount, '12480.35'); // all the cash, but the fees come on top
    expect(amount).toHaveAccessibleDescription(
      /Not enough cash: with fees this takes \$12,492\.83, and \$12,480\.35 is available\./,
    );
    await user.clear(amount);
    await user.type(amount, '0.03');
    expect(amount).toHaveAccessibleDescription(/too small to buy every asset/);
    expect(posted).toBe(0);
  });

  it('says the minimum before sending and refuses 0.50 with the reason, sending nothing', async () => {
    let posted = 0;
    server.use(
      http.post('/api/strategies/{id}/investments', () => {
        posted += 1;
        return undefined;
      }),
    );
    const { user } = renderFragment('/strategies/str-balanced/invest');
    const amount = await screen.findByLabelText('Amount');
    // Balanced Growth's smallest allocation is 10%: from 499.96 its order is 50.00, the minimum (the
    // split hands the cents left over to the largest remainders, as the strategies service does).
    expect(amount).toHaveAccessibleDescription(
      /The minimum for this strategy is \$499\.96 \(each order at least \$50\.00\)\./,
    );
    await user.type(amount, '0.50');
    await user.click(screen.getByRole('button', { name: 'Confirm investment' }));
    expect(amount).toHaveAccessibleDescription(
      /The minimum for this strategy is \$499\.96, so that each of its orders is at least \$50\.00\./,
    );
    await user.clear(amount);
    await user.type(amount, '499.95');
    expect(amount).toHaveAccessibleDescription(/The minimum for this strategy is \$499\.96, so that/);
    expect(posted).toBe(0);
  });

  it('keeps the amount and sends nothing when investing is turned off while the customer types', async () => {
    let posted = 0;
    server.use(
      http.post('/api/strategies/{id}/investments', () => {
        posted += 1;
        return undefined;
      }),
    );
    const { user, services } = renderFragment('/strategies/str-balanced/invest');
    await user.type(await screen.findByLabelText('Amount'), '600');
    act(() => services.flags.set('strategies.invest', false));
    expect(await screen.findByText('Investing in strategies has just been turned off')).toBeInTheDocument();
    expect(screen.getByLabelText('Amount')).toHaveValue('600');
    expect(screen.getByRole('table', { name: 'Orders to be placed' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm investment' })).toBeDisabled();
    act(() => services.flags.set('strategies.invest', true));
    expect(screen.queryByText('Investing in strategies has just been turned off')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Amount')).toHaveValue('600');
    expect(posted).toBe(0);
  });

  it("shows the server's refusal in words when investing went off before the page heard", async () => {
    server.use(
      http.post('/api/strategies/{id}/investments', ({ response }) =>
        response(403).json(errorBody('feature_disabled', 'strategies.invest is turned off for you')),
      ),
    );
    const { user } = renderFragment('/strategies/str-balanced/invest');
    await user.type(await screen.findByLabelText('Amount'), '600');
    await user.click(screen.getByRole('button', { name: 'Confirm investment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Investing was turned off before your investment reached us, so nothing was invested. Your amount is kept',
    );
    expect(screen.getByLabelText('Amount')).toHaveValue('600');
  });

  it("shows the server's refusal and keeps the form", async () => {
    server.use(
      http.post('/api/strategies/{id}/investments', ({ response }) =>
        response(422).json(errorBody('strategy_not_published', 'The strategy is no longer published.')),
      ),
    );
    const { user } = renderFragment('/strategies/str-balanced/invest');
    // 500.00: the smallest allocation (10%) gets an order of 50.00, the minimum order value.
    await user.type(await screen.findByLabelText('Amount'), '500');
    await user.click(screen.getByRole('button', { name: 'Confirm investment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The investment was not made.The strategy is no longer published.',
    );
    expect(screen.getByLabelText('Amount')).toHaveValue('500');
  });

  it('is hidden while the strategies.invest flag is off, also by direct URL', async () => {
    renderFragment('/strategies', { flags: { 'strategies.invest': false } });
    await screen.findByRole('region', { name: 'Balanced Growth' });
    expect(screen.queryByRole('link', { name: /Invest in/ })).not.toBeInTheDocument();
  });

  it('says investing is unavailable on the invest page while the flag is off', async () => {
    renderFragment('/strategies/str-balanced/invest', { flags: { 'strategies.invest': false } });
    expect(screen.getByText('Investing in strategies is not available right now')).toBeInTheDocument();
    expect(screen.queryByLabelText('Amount')).not.toBeInTheDocument();
  });

  it('appears as soon as the flag is switched on, without a reload', async () => {
    const { services } = renderFragment('/strategies', { flags: { 'strategies.invest': false } });
    await screen.findByRole('region', { name: 'Balanced Growth' });
    act(() => services.flags.set('strategies.invest', true));
    expect(await screen.findByRole('link', { name: 'Invest in Balanced Growth' })).toBeInTheDocument();
  });
});
