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
    expect(figure(region, /^Change since/)).toHaveTextContent(/^[+−-][\d.]+%/);
    expect(figure(region, 'High')).toHaveTextContent(/^\$\d/);
    expect(figure(region, 'Low')).toHaveTextContent(/^\$\d/);
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
    const at = new Date(Date.now() + 60_000).toISOString();
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '999.99',
        priceTime: at,
        version: 50,
      }),
    );
    await waitFor(() => expect(figure(region, 'Last price')).toHaveTextContent('$999.99'));
    expect(figure(region, 'High')).toHaveTextContent('$999.99');
    expect(chartRecord.updates.at(-1)).toEqual({ time: Math.floor(Date.parse(at) / 1000), value: 999.99 });
    expect(
      within(watchlist().getByRole('button', { name: /^ABC/ })).getByText('$999.99'),
    ).toBeInTheDocument();
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
