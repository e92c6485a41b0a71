import { errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

// /trade also holds the order ticket and recent orders; these tests are about the market section.
const market = () => within(screen.getByRole('region', { name: 'Market prices' }));
const row = (name: string) => market().getByRole('rowheader', { name }).closest('tr')!;

describe('/trade market watch', () => {
  it('shows a loading state, then every asset with its price', async () => {
    renderFragment('/trade');
    expect(screen.getByRole('heading', { level: 1, name: 'Trade' })).toBeInTheDocument();
    expect(market().getByRole('status')).toHaveTextContent('Loading market prices…');
    expect(await market().findByRole('rowheader', { name: 'ABC' })).toBeInTheDocument();
    expect(within(row('ABC')).getByRole('cell', { name: '$187.42' })).toBeInTheDocument();
    expect(within(row('EURUSD')).getByRole('cell', { name: '$1.0842' })).toBeInTheDocument();
    expect(within(row('NWLC')).getByRole('cell', { name: 'No price yet' })).toBeInTheDocument();
    expect(market().getAllByRole('row')).toHaveLength(25); // header + 24 assets
  });

  it('follows pushed prices and ignores a tick older than the one shown', async () => {
    const { services } = renderFragment('/trade');
    await market().findByRole('rowheader', { name: 'ABC' });
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '190.05',
        priceTime: '2026-11-26T09:31:00Z',
        version: 5,
      }),
    );
    // TanStack Query notifies observers on the next tick, hence find*.
    expect(await within(row('ABC')).findByRole('cell', { name: '$190.05' })).toBeInTheDocument();
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '150.00',
        priceTime: '2026-11-26T09:30:30Z',
        version: 4,
      }),
    );
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-nrth',
        price: '64.00',
        priceTime: '2026-11-26T09:30:30Z',
        version: 1,
      }),
    );
    expect(await within(row('NRTH')).findByRole('cell', { name: '$64.00' })).toBeInTheDocument();
    expect(within(row('ABC')).getByRole('cell', { name: '$190.05' })).toBeInTheDocument();
  });

  it('finds assets by symbol or name and by type', async () => {
    const { user } = renderFragment('/trade');
    await market().findByRole('rowheader', { name: 'ABC' });
    await user.type(market().getByRole('searchbox', { name: 'Search assets' }), 'treasury');
    expect(
      market()
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['UST10', 'UST2']);
    await user.clear(market().getByRole('searchbox', { name: 'Search assets' }));
    await user.selectOptions(market().getByRole('combobox', { name: 'Asset type' }), 'Fund');
    expect(market().getAllByRole('rowheader')).toHaveLength(5);
    await user.type(market().getByRole('searchbox', { name: 'Search assets' }), 'zzz');
    expect(market().getByRole('cell', { name: 'No asset matches your search.' })).toBeInTheDocument();
  });

  it('says when prices are delayed', async () => {
    mockContext.db.state.pricesAvailable = false;
    renderFragment('/trade');
    expect(await market().findByText('Some prices are delayed')).toBeInTheDocument();
    expect(within(row('ABC')).getByText('Delayed')).toBeInTheDocument();
    expect(within(row('NWLC')).queryByText('Delayed')).not.toBeInTheDocument();
  });

  it('shows an error with a retry that recovers', async () => {
    server.use(
      http.get(
        '/api/assets',
        ({ response }) => response(503).json(errorBody('unavailable', 'Market data is unavailable.')),
        { once: true },
      ),
    );
    const { user } = renderFragment('/trade');
    const alert = await market().findByRole('alert');
    expect(alert).toHaveTextContent('We could not load market prices.');
    expect(alert).toHaveTextContent('Market data is unavailable.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await market().findByRole('rowheader', { name: 'ABC' })).toBeInTheDocument();
    expect(market().queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains an empty market', async () => {
    server.use(http.get('/api/assets', ({ response }) => response(200).json({ items: [] })));
    renderFragment('/trade');
    expect(await market().findByRole('cell', { name: 'No assets are listed yet.' })).toBeInTheDocument();
  });
});
