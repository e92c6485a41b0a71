import { errorBody, http, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chartRecord } from '../../../test/fake-chart.ts';
import { renderFragment } from '../../../test/render.tsx';

const figure = (region: HTMLElement, label: RegExp | string) =>
  within(region).getByText(label).nextElementSibling;
const watchlist = () => within(screen.getByRole('region', { name: 'Watchlist' }));

describe('/trade: quote, chart and watchlist', () => {
  it('shows the first priced asset with its quote, and its history on the chart', async () => {
    renderFragment('/trade');
    const region = await screen.findByRole('region', { name: 'ABC · ABC Robotics' });
    await within(region).findByText('Last price');
    expect(figure(region, 'Last price')).toHaveTextContent('$187.42');
    // ABC opened the day at 184.61 and ranged from 184.15 to 187.89 (the mocks' seeded day).
    expect(figure(region, 'Daily change')).toHaveTextContent('+1.52% (up)');
    expect(
      within(figure(region, 'Daily change') as HTMLElement).getByText('+1.52%', { exact: false }),
    ).toHaveClass('sb-gain');
    expect(figure(region, 'Day high')).toHaveTextContent('$187.89');
    expect(figure(region, 'Day low')).toHaveTextContent('$184.15');
    const chart = within(region).getByRole('figure');
    expect(chart).toHaveAccessibleName(/^Price of ABC from .* to .*: from \$[\d.,]+ to \$187\.42, between/);
    await waitFor(() => expect(chartRecord.data.length).toBeGreaterThan(10));
    expect(chartRecord.data.at(-1)?.value).toBe(187.42);
    // The ticket is not filled in behind the customer's back.
    expect(screen.getByRole('combobox', { name: 'Asset' })).toHaveValue('');
  });

  it('follows pushed prices: the quote and the chart move with a tick', async () => {
    const { services } = renderFragment('/trade');
    const region = await screen.findByRole('region', { name: 'ABC · ABC Robotics' });
    await waitFor(() => expect(chartRecord.data.length).toBeGreaterThan(0));
    // A minute after the mocks' last price, on the same UTC day (fixtures/time.ts).
    const at = '2026-11-26T09:31:00.000Z';
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '999.99',
        priceTime: at,
        version: 50,
      }),
    );
    await waitFor(() => expect(figure(region, 'Last price')).toHaveTextContent('$999.99'));
    expect(figure(region, 'Day high')).toHaveTextContent('$999.99');
    expect(figure(region, 'Day low')).toHaveTextContent('$184.15');
    // (999.99 − 184.61) / 184.61: the change since the day's open follows the tick.
    expect(figure(region, 'Daily change')).toHaveTextContent('+441.68% (up)');
    expect(chartRecord.updates.at(-1)).toEqual({ time: Math.floor(Date.parse(at) / 1000), value: 999.99 });
    expect(
      within(watchlist().getByRole('button', { name: /^ABC/ })).getByText('$999.99'),
    ).toBeInTheDocument();
    expect(watchlist().getByRole('button', { name: /^ABC/ })).toHaveAccessibleName(
      /daily change \+441\.68% \(up\)$/,
    );
  });

  it('opens a new trading day with the first pushed price of the next UTC day', async () => {
    const { services } = renderFragment('/trade');
    const region = await screen.findByRole('region', { name: 'ABC · ABC Robotics' });
    await within(region).findByText('Daily change');
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '180.00',
        priceTime: '2026-11-27T00:00:01.000Z',
        version: 50,
      }),
    );
    await waitFor(() => expect(figure(region, 'Last price')).toHaveTextContent('$180.00'));
    expect(figure(region, 'Daily change')).toHaveTextContent('0% (unchanged)');
    expect(figure(region, 'Day high')).toHaveTextContent('$180.00');
    expect(figure(region, 'Day low')).toHaveTextContent('$180.00');
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '178.20',
        priceTime: '2026-11-27T00:00:02.000Z',
        version: 51,
      }),
    );
    await waitFor(() => expect(figure(region, 'Daily change')).toHaveTextContent('-1% (down)'));
    expect(figure(region, 'Day high')).toHaveTextContent('$180.00');
    expect(figure(region, 'Day low')).toHaveTextContent('$178.20');
  });

  it("loads one price history on /trade (the shown asset's chart): the watchlist takes its daily change from the asset list", async () => {
    const histories: string[] = [];
    const count = ({ request }: { request: Request }) => {
      if (/\/api\/assets\/[^/]+\/history/.test(new URL(request.url).pathname)) histories.push(request.url);
    };
    server.events.on('request:start', count);
    try {
      renderFragment('/trade');
      const region = await screen.findByRole('region', { name: 'ABC · ABC Robotics' });
      await waitFor(() => expect(chartRecord.data.length).toBeGreaterThan(10));
      await waitFor(() => expect(watchlist().getAllByRole('button')).toHaveLength(8));
      // Every watched asset shows its daily change (FABR is down a little today).
      expect(watchlist().getByRole('button', { name: /^FABR/ })).toHaveAccessibleName(
        /daily change -0\.09% \(down\)$/,
      );
      expect(figure(region, 'Daily change')).toHaveTextContent('+1.52%');
      expect(histories.map((url) => new URL(url).pathname)).toEqual(['/api/assets/ast-abc/history']);
    } finally {
      server.events.removeListener('request:start', count);
    }
  });

  it('selects an asset from the watchlist for the quote, the chart and the ticket', async () => {
    const { user } = renderFragment('/trade');
    await screen.findByRole('region', { name: 'ABC · ABC Robotics' });
    const nrth = await watchlist().findByRole('button', { name: /^NRTH Northwind Traders \$63\.15/ });
    expect(nrth).toHaveAttribute('aria-pressed', 'false');
    await user.click(nrth);
    expect(nrth).toHaveAttribute('aria-pressed', 'true');
    const region = await screen.findByRole('region', { name: 'NRTH · Northwind Traders' });
    expect(await within(region).findByText('Last price')).toBeInTheDocument();
    expect(figure(region, 'Last price')).toHaveTextContent('$63.15');
    await waitFor(() => expect(chartRecord.data.at(-1)?.value).toBe(63.15));
    expect(screen.getByRole('combobox', { name: 'Asset' })).toHaveValue('ast-nrth');
    // And the other way: the ticket's asset is the one shown.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Asset' }), 'ast-cnts');
    expect(await screen.findByRole('region', { name: 'CNTS · Contoso Ltd' })).toBeInTheDocument();
  });

  it('lists held assets first, each with its change', async () => {
    renderFragment('/trade');
    // Alice holds ABC, NRTH, SBWE, UST10, SBGB and GREN (a bond too, though bonds are not
    // otherwise watched); then come the other priced shares and funds.
    await waitFor(() =>
      expect(
        watchlist()
          .getAllByRole('button')
          .map((item) => item.querySelector('.sb-watchlist__symbol')?.textContent),
      ).toEqual(['ABC', 'NRTH', 'SBWE', 'UST10', 'SBGB', 'GREN', 'CNTS', 'FABR']),
    );
    const first = watchlist().getAllByRole('button')[0]!;
    await waitFor(() => expect(first).toHaveTextContent(/[+\-−][\d.]+%|0%/));
  });

  it('says when the history cannot be loaded, and recovers on Try again', async () => {
    server.use(
      http.get(
        '/api/assets/{assetId}/history',
        ({ response }) => response(503).json(errorBody('unavailable', 'Market data is unavailable.')),
        { once: true },
      ),
    );
    const { user } = renderFragment('/trade');
    const region = await screen.findByRole('region', { name: 'ABC · ABC Robotics' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the price history of ABC.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(region).findByText('Last price')).toBeInTheDocument();
  });
});
