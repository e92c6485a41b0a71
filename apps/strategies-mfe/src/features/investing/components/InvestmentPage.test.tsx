import {
  errorBody,
  holdAnswer,
  http,
  mockContext,
  server,
  type Investment,
  type Order,
} from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const at = '2026-11-26T10:00:00.000Z';

function investment(overrides: Partial<Investment> = {}): Investment {
  return {
    id: 'inv-9',
    strategyId: 'str-balanced',
    accountId: 'acc-alice-1',
    customerId: 'c-alice',
    amount: '1000.00',
    paymentId: 'pay-9',
    status: 'investing',
    statusReason: null,
    orders: [
      { orderId: 'ord-a', assetId: 'ast-sbwe', amount: '600.00', status: 'pending' },
      { orderId: 'ord-b', assetId: 'ast-sbgb', amount: '400.00', status: 'pending' },
    ],
    createdAt: at,
    updatedAt: at,
    version: 2,
    ...overrides,
  };
}

/** An order view as the `orders` topic pushes it. */
function orderView(
  id: string,
  assetId: string,
  status: Order['status'],
  version: number,
  statusReason: string | null = null,
): Order {
  return {
    id,
    accountId: 'acc-alice-1',
    assetId,
    side: 'buy',
    type: 'market',
    quantity: '1',
    limitPrice: null,
    status,
    statusReason,
    fee: null,
    fillPrice: null,
    steps: [],
    createdAt: at,
    updatedAt: at,
    version,
    source: { kind: 'strategy-investment', investmentId: 'inv-9' },
  } as Order;
}

const orderCells = (asset: string) =>
  within(
    within(screen.getByRole('table', { name: 'Orders' }))
      .getByRole('rowheader', { name: asset })
      .closest('tr')!,
  ).getAllByRole('cell');
const statusOf = (asset: string) => orderCells(asset)[1]!.textContent;
const reasonOf = (asset: string) => orderCells(asset)[2]!.textContent;

describe('/strategies/investments/:id', () => {
  beforeEach(() => {
    mockContext.db.state.investments.unshift(investment());
  });

  it('follows each order live to a partially completed investment, with the reasons', async () => {
    const { services } = renderFragment('/strategies/investments/inv-9');
    expect(await screen.findByRole('heading', { name: 'Investment in Balanced Growth' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Investment status' })).toHaveTextContent('Investing');
    expect(statusOf('SBWE')).toBe('Pending');

    act(() => services.realtime.publish('orders', orderView('ord-a', 'ast-sbwe', 'placed', 3)));
    expect(statusOf('SBWE')).toBe('Placed');
    act(() => services.realtime.publish('orders', orderView('ord-a', 'ast-sbwe', 'completed', 5)));
    expect(statusOf('SBWE')).toBe('Completed');
    // A late, older view never takes the row back.
    act(() => services.realtime.publish('orders', orderView('ord-a', 'ast-sbwe', 'placed', 4)));
    expect(statusOf('SBWE')).toBe('Completed');
    // Someone else's order changes nothing here.
    act(() =>
      services.realtime.publish('orders', {
        ...orderView('ord-x', 'ast-sbgb', 'failed', 9),
        source: { kind: 'customer' },
      }),
    );
    expect(statusOf('SBGB')).toBe('Pending');

    act(() =>
      services.realtime.publish(
        'investments',
        investment({
          status: 'partially_completed',
          statusReason: null,
          version: 6,
          orders: [
            { orderId: 'ord-a', assetId: 'ast-sbwe', amount: '600.00', status: 'completed', reason: null },
            {
              orderId: 'ord-b',
              assetId: 'ast-sbgb',
              amount: '400.00',
              status: 'failed',
              reason: 'MARKET_UNAVAILABLE',
            },
          ],
        }),
      ),
    );
    // The query cache notifies on its next tick, not inside act().
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Investment status' })).toHaveTextContent(
        'Partially completed',
      ),
    );
    expect(statusOf('SBGB')).toBe('Failed');
    expect(reasonOf('SBGB')).toBe('The market could not be reached.');
    expect(reasonOf('SBWE')).toBe('—');
    expect(screen.getByText('Your investment is partially complete')).toBeInTheDocument();

    // An older version of the investment pushed late is ignored.
    act(() => services.realtime.publish('investments', investment({ version: 3 })));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(screen.getByRole('status', { name: 'Investment status' })).toHaveTextContent(
      'Partially completed',
    );
  });

  it("keeps an outcome pushed while the investment is being read, not the read's older answer", async () => {
    // The read was taken before the last orders completed, and answers after their push.
    const { answered, answer } = holdAnswer<Investment>();
    server.use(http.get('/api/investments/{id}', async ({ response }) => response(200).json(await answered)));
    const { services } = renderFragment('/strategies/investments/inv-9');
    expect(await screen.findByText('Loading the investment…')).toBeInTheDocument();

    const completed = investment({
      status: 'completed',
      version: 6,
      orders: [
        { orderId: 'ord-a', assetId: 'ast-sbwe', amount: '600.00', status: 'completed', reason: null },
        { orderId: 'ord-b', assetId: 'ast-sbgb', amount: '400.00', status: 'completed', reason: null },
      ],
    });
    act(() => {
      services.realtime.publish('orders', orderView('ord-a', 'ast-sbwe', 'completed', 5));
      services.realtime.publish('investments', completed);
    });
    answer(investment({ version: 4 }));

    expect(await screen.findByText('Your investment is complete')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Investment status' })).toHaveTextContent('Completed');
    expect(statusOf('SBWE')).toBe('Completed');
    // The read's answer has come and gone: the pushed outcome stays.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.getByRole('status', { name: 'Investment status' })).toHaveTextContent('Completed');
  });

  it('ends as failed with the reason of the investment', async () => {
    mockContext.db.state.investments[0] = investment({
      status: 'failed',
      statusReason: 'PAYMENT_FAILED_INSUFFICIENT_CASH',
      orders: [],
    });
    renderFragment('/strategies/investments/inv-9');
    expect(await screen.findByText('Your investment failed')).toBeInTheDocument();
    expect(screen.getByText('Payment failed insufficient cash.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Orders' })).toHaveTextContent('No order was placed.');
  });

  it('says so when the investment cannot be loaded', async () => {
    server.use(
      http.get('/api/investments/{id}', ({ response }) =>
        response(404).json(errorBody('not_found', 'The investment does not exist.')),
      ),
    );
    renderFragment('/strategies/investments/inv-9');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'We could not load the investment.The investment does not exist.',
    );
  });
});
