import { errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

describe('/admin overview', () => {
  it('shows system health and the deployed fragments', async () => {
    renderFragment('/admin', { user: 'admin' });
    expect(screen.getByRole('heading', { level: 1, name: 'Admin console' })).toBeInTheDocument();
    const health = screen.getByRole('region', { name: 'System health' });
    expect(within(health).getByRole('status')).toHaveTextContent('Checking services…');
    expect(await within(health).findByText('All systems working')).toBeInTheDocument();
    const market = within(health).getByRole('rowheader', { name: 'market' }).closest('tr')!;
    expect(within(market).getByText('Up')).toBeInTheDocument();
    expect(within(market).getByRole('cell', { name: 'Closed' })).toBeInTheDocument();

    const lag = (label: string) =>
      within(health)
        .getAllByRole('term')
        .find((term) => term.textContent === label)?.nextElementSibling;
    expect(lag('Events behind')).toHaveTextContent('2');
    expect(lag('Seconds behind')).toHaveTextContent('0.8');
    expect(lag('Configured delay')).toHaveTextContent('1000 ms');

    const deployments = screen.getByRole('region', { name: 'Fragment deployments' });
    const orders = (await within(deployments).findByRole('rowheader', { name: 'orders' })).closest('tr')!;
    expect(orders).toHaveTextContent('10% on 1.3.0-9c1e7b2a44');
  });

  it('keeps showing health when the orders service cannot report its read model', async () => {
    server.use(
      http.get('/api/admin/system', ({ response }) =>
        response(200).json({
          status: 'degraded',
          dependencies: [{ name: 'orders', status: 'down', breaker: 'open', detail: 'circuit open' }],
          ordersReadModel: null,
        }),
      ),
    );
    renderFragment('/admin', { user: 'admin' });
    const health = screen.getByRole('region', { name: 'System health' });
    expect(
      await within(health).findByText('The orders service did not report its read model.'),
    ).toBeInTheDocument();
    expect(within(health).getByRole('cell', { name: 'Open' })).toBeInTheDocument();
  });

  it('shows an open breaker when the market is down', async () => {
    mockContext.db.state.pricesAvailable = false;
    renderFragment('/admin', { user: 'admin' });
    const health = screen.getByRole('region', { name: 'System health' });
    expect(await within(health).findByText('Degraded')).toBeInTheDocument();
    const market = within(health).getByRole('rowheader', { name: 'market' }).closest('tr')!;
    expect(within(market).getByText('Down')).toBeInTheDocument();
    expect(within(market).getByRole('cell', { name: 'Open' })).toBeInTheDocument();
  });

  it('goes to the deployments page with the platform navigate', async () => {
    const { user } = renderFragment('/admin', { user: 'admin' });
    await user.click(screen.getByRole('button', { name: 'Manage deployments' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Fragment deployments' }),
    ).toBeInTheDocument();
  });

  it('keeps one failing panel from blanking the page', async () => {
    server.use(
      http.get('/api/admin/system', ({ response }) =>
        response(403).json(errorBody('forbidden', 'Not allowed.')),
      ),
    );
    renderFragment('/admin', { user: 'admin' });
    expect(await screen.findByRole('alert')).toHaveTextContent('We could not check the services.');
    expect(await screen.findByRole('rowheader', { name: 'orders' })).toBeInTheDocument();
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Manage deployments' })).not.toBeInTheDocument();
  });
});
