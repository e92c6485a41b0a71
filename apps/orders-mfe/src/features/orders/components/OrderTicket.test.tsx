import { buildOrder, errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

type Rendered = ReturnType<typeof renderFragment>;

/** Every POST /api/orders the page sends, with its idempotency key (the mocks still answer). */
function recordPlacements() {
  const keys: (string | null)[] = [];
  server.use(
    http.post('/api/orders', ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key'));
      return undefined; // fall through to the contract mock
    }),
  );
  return keys;
}

/** Holds POST /api/orders until `release()`: the state between click and answer. */
function holdPlacements() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  server.use(
    http.post('/api/orders', async () => {
      await gate;
      return undefined;
    }),
  );
  return { release };
}

async function openTicket(options: { pushes?: boolean; flags?: Record<string, boolean> } = {}) {
  const rendered = renderFragment('/trade');
  if (options.flags)
    for (const [name, value] of Object.entries(options.flags)) rendered.services.flags.set(name, value);
  // The simulated saga pushes to this page, as the BFF would.
  if (options.pushes !== false) mockContext.realtime = rendered.services.realtime;
  await screen.findByRole('combobox', { name: 'Asset' });
  await screen.findByRole('table', { name: 'Recent orders' });
  return rendered;
}

async function fillTicket(
  { user }: Rendered,
  {
    asset = 'ast-abc',
    side = 'Buy',
    quantity = '5',
  }: { asset?: string; side?: 'Buy' | 'Sell'; quantity?: string } = {},
) {
  await user.selectOptions(screen.getByRole('combobox', { name: 'Asset' }), asset);
  await user.click(screen.getByRole('radio', { name: side }));
  await user.type(screen.getByRole('textbox', { name: 'Quantity' }), quantity);
}

const recent = () => within(screen.getByRole('table', { name: 'Recent orders' }));
const rowOf = (description: string) =>
  recent()
    .getByRole('button', { name: `Steps of ${description}` })
    .closest('tr')!;
const placeButton = () => screen.getByRole('button', { name: 'Place order' });
const ticket = () => within(screen.getByRole('form', { name: 'Order ticket' }));
const confirmButton = async () =>
  within(await screen.findByRole('dialog', { name: 'Review your order' })).getByRole('button', {
    name: 'Confirm order',
  });
/** Place order, then Confirm order in the review: what a customer does to send an order. */
async function placeAndConfirm(rendered: Rendered) {
  await rendered.user.click(placeButton());
  await rendered.user.click(await confirmButton());
}

afterEach(() => {
  mockContext.realtime = undefined;
  mockContext.sagaStepMs = 0;
  mockContext.readModelLagMs = 0;
});

describe('the order ticket', () => {
  it('estimates value, fee and cost against the available cash, at the live price', async () => {
    const rendered = await openTicket();
    await fillTicket(rendered);
    const form = ticket();
    expect(form.getByText('Estimated value').nextElementSibling).toHaveTextContent('$937.10');
    expect(form.getByText('Fee').nextElementSibling).toHaveTextContent('$1.00');
    expect(form.getByText('Estimated cost').nextElementSibling).toHaveTextContent('$938.10');
    expect(form.getByText('Available cash').nextElementSibling).toHaveTextContent('$12,480.35');
    expect(screen.getByRole('combobox', { name: 'Asset' })).toHaveAccessibleDescription('Live price $187.42');

    act(() =>
      rendered.services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '190.00',
        priceTime: new Date().toISOString(),
        version: 99,
      }),
    );
    await waitFor(() =>
      expect(form.getByText('Estimated value').nextElementSibling).toHaveTextContent('$950.00'),
    );
  });

  it('refuses to sell more than the free holding, inline, and sends nothing', async () => {
    const placements = recordPlacements();
    const rendered = await openTicket();
    // 40 NRTH held, 5 of them reserved by an open order: 35 can be sold.
    await fillTicket(rendered, { asset: 'ast-nrth', side: 'Sell', quantity: '36' });
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveAccessibleDescription(
      'You can sell at most 35 NRTH.',
    );
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toBeInvalid();
    await rendered.user.click(placeButton());
    expect(placements).toEqual([]);
    expect(recent().queryByRole('button', { name: 'Steps of Sell 36 NRTH' })).not.toBeInTheDocument();
  });

  it('says what is wrong with a quantity or a missing asset', async () => {
    const rendered = await openTicket();
    await rendered.user.click(placeButton());
    expect(screen.getByRole('combobox', { name: 'Asset' })).toHaveAccessibleDescription('Choose an asset.');
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveAccessibleDescription(
      'Enter a quantity.',
    );
    await rendered.user.type(screen.getByRole('textbox', { name: 'Quantity' }), '1.2.3');
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveAccessibleDescription(
      'Enter a quantity as a number, like 5 or 2.5.',
    );
    await rendered.user.clear(screen.getByRole('textbox', { name: 'Quantity' }));
    await rendered.user.type(screen.getByRole('textbox', { name: 'Quantity' }), '0');
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveAccessibleDescription(
      'Enter a quantity greater than 0.',
    );
    await rendered.user.selectOptions(screen.getByRole('combobox', { name: 'Asset' }), 'ast-abc');
    await rendered.user.clear(screen.getByRole('textbox', { name: 'Quantity' }));
    await rendered.user.type(screen.getByRole('textbox', { name: 'Quantity' }), '100');
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveAccessibleDescription(
      'Not enough cash: this order needs about $18,760.74 and $12,480.35 is available.',
    );
  });

  it('finds an asset by name', async () => {
    const rendered = await openTicket();
    await rendered.user.type(screen.getByRole('searchbox', { name: 'Find an asset' }), 'northwind');
    const options = within(screen.getByRole('combobox', { name: 'Asset' })).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Choose an asset',
      'NRTH · Northwind Traders ($63.15)',
    ]);
  });

  it('offers limit orders only behind the orders.limitOrders flag', async () => {
    const rendered = await openTicket({ flags: { 'orders.limitOrders': false } });
    expect(screen.queryByRole('radio', { name: 'Limit' })).not.toBeInTheDocument();
    act(() => rendered.services.flags.set('orders.limitOrders', true));
    await rendered.user.click(await screen.findByRole('radio', { name: 'Limit' }));
    await fillTicket(rendered, { quantity: '2' });
    await rendered.user.type(screen.getByRole('textbox', { name: 'Limit price' }), '180.00001');
    expect(screen.getByRole('textbox', { name: 'Limit price' })).toHaveAccessibleDescription(
      'Use at most 4 decimal places.',
    );
  });
});

describe('a flag turned off while the customer drafts', () => {
  async function draftLimitOrder(rendered: Rendered) {
    await rendered.user.click(screen.getByRole('radio', { name: 'Limit' }));
    await fillTicket(rendered, { quantity: '2' });
    await rendered.user.type(screen.getByRole('textbox', { name: 'Limit price' }), '150');
  }

  it('keeps the limit draft, says why it cannot be sent, and sends only what the customer then chooses', async () => {
    const placements = recordPlacements();
    const rendered = await openTicket();
    await draftLimitOrder(rendered);
    act(() => rendered.services.flags.set('orders.limitOrders', false));

    // Nothing switched behind the customer's back: the choice, the quantity and the price stay.
    expect(await screen.findByRole('radio', { name: 'Limit (not available now)' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveValue('2');
    expect(screen.getByRole('textbox', { name: 'Limit price' })).toHaveValue('150');
    expect(ticket().getByText(/Limit orders have just been turned off/)).toHaveTextContent(
      'choose Market to send it at the market price, or wait until limit orders are back',
    );
    await rendered.user.click(placeButton());
    expect(placements).toEqual([]);
    expect(recent().queryByRole('button', { name: 'Steps of Buy 2 ABC' })).not.toBeInTheDocument();

    await rendered.user.click(screen.getByRole('radio', { name: 'Market' }));
    expect(ticket().queryByText(/Limit orders have just been turned off/)).not.toBeInTheDocument();
    await placeAndConfirm(rendered);
    expect(await recent().findByRole('button', { name: 'Steps of Buy 2 ABC' })).toBeInTheDocument();
    expect(placements).toHaveLength(1);
    expect(mockContext.db.state.orders.find((o) => o.quantity === '2')).toMatchObject({
      type: 'market',
      limitPrice: null,
    });
  });

  it("shows the server's refusal in words and keeps the draft when the flag went off before the page heard", async () => {
    const rendered = await openTicket();
    await draftLimitOrder(rendered);
    // The server's flag is off; the page has not been told yet.
    mockContext.db.state.flags['orders.limitOrders'] = false;
    await placeAndConfirm(rendered);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your order was not placed.');
    expect(alert).toHaveTextContent(
      'Limit orders were turned off before your order reached us, so nothing was sent.',
    );
    expect(screen.getByRole('radio', { name: 'Limit' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveValue('2');
    expect(screen.getByRole('textbox', { name: 'Limit price' })).toHaveValue('150');
    expect(recent().queryByRole('button', { name: 'Steps of Buy 2 ABC' })).not.toBeInTheDocument();
  });
});

describe('the minimum order value', () => {
  it('says the minimum before sending and refuses a smaller order inline, sending nothing', async () => {
    const placements = recordPlacements();
    const rendered = await openTicket();
    await fillTicket(rendered, { quantity: '0.1' });
    expect(ticket().getByText('Minimum order value').nextElementSibling).toHaveTextContent('$50.00');
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveAccessibleDescription(
      'The minimum order value is $50.00; this order is worth about $18.74.',
    );
    await rendered.user.click(placeButton());
    expect(placements).toEqual([]);
  });

  it("shows the server's refusal of a too small order in words", async () => {
    // A price that moved down since the ticket's estimate: the server's check is the one that counts.
    server.use(
      http.post('/api/orders', ({ response }) =>
        response(422).json(
          errorBody(
            'order_below_minimum',
            'The order is worth 49.99, below the minimum order value of 50.00.',
            [
              {
                field: 'body.quantity',
                reason: 'the order is worth 49.99, below the minimum order value of 50.00',
              },
            ],
          ),
        ),
      ),
    );
    const rendered = await openTicket();
    await fillTicket(rendered, { quantity: '1' });
    await placeAndConfirm(rendered);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The order is worth 49.99, below the minimum order value of 50.00.',
    );
  });
});

describe('the order review', () => {
  it('shows what will be sent before sending it, and sends it on Confirm', async () => {
    const placements = recordPlacements();
    const rendered = await openTicket();
    await fillTicket(rendered);
    await rendered.user.click(placeButton());
    const review = screen.getByRole('dialog', { name: 'Review your order' });
    expect(review).toHaveAccessibleDescription(/^Buy 5 ABC: nothing is sent until you confirm/);
    expect(review).toContainElement(document.activeElement as HTMLElement);
    const figure = (label: string) => within(review).getByText(label).nextElementSibling;
    expect(figure('Side')).toHaveTextContent('Buy');
    expect(figure('Quantity')).toHaveTextContent('5');
    expect(figure('Asset')).toHaveTextContent('ABC');
    expect(figure('Order type')).toHaveTextContent('Market');
    expect(figure('Estimated price')).toHaveTextContent('$187.42');
    // 5 × 187.42 = 937.10; the schedule's 0.1% is 0.94, under the 1.00 minimum fee.
    expect(figure('Fee')).toHaveTextContent('$1.00');
    expect(figure('Estimated total cost')).toHaveTextContent('$938.10');
    expect(figure('Account')).toHaveTextContent(/\(USD\)/);
    expect(placements).toEqual([]);
    await rendered.user.click(within(review).getByRole('button', { name: 'Confirm order' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await within(rowOf('Buy 5 ABC')).findByText('Completed')).toBeInTheDocument();
    expect(placements).toHaveLength(1);
  });

  it('goes back to the ticket with the draft intact on Escape or Edit order, sending nothing', async () => {
    const placements = recordPlacements();
    const rendered = await openTicket();
    await fillTicket(rendered, { side: 'Sell', asset: 'ast-nrth', quantity: '3' });
    await rendered.user.click(placeButton());
    expect(screen.getByRole('dialog', { name: 'Review your order' })).toBeInTheDocument();
    await rendered.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(placeButton()).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveValue('3');
    expect(screen.getByRole('radio', { name: 'Sell' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Asset' })).toHaveValue('ast-nrth');

    await rendered.user.click(placeButton());
    await rendered.user.click(screen.getByRole('button', { name: 'Edit order' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveValue('3');
    expect(placements).toEqual([]);
  });

  it('shows a limit order with its limit price', async () => {
    const rendered = await openTicket();
    await rendered.user.click(screen.getByRole('radio', { name: 'Limit' }));
    await fillTicket(rendered, { quantity: '2' });
    await rendered.user.type(screen.getByRole('textbox', { name: 'Limit price' }), '150');
    await rendered.user.click(placeButton());
    const review = screen.getByRole('dialog', { name: 'Review your order' });
    expect(within(review).getByText('Order type').nextElementSibling).toHaveTextContent('Limit');
    expect(within(review).getByText('Limit price').nextElementSibling).toHaveTextContent('$150.00');
  });
});

describe('the order review while limit orders go off', () => {
  it('closes the review of a limit order that can no longer be sent, and does not reopen it by itself', async () => {
    const rendered = await openTicket();
    await rendered.user.click(screen.getByRole('radio', { name: 'Limit' }));
    await fillTicket(rendered, { quantity: '2' });
    await rendered.user.type(screen.getByRole('textbox', { name: 'Limit price' }), '150');
    await rendered.user.click(placeButton());
    expect(screen.getByRole('dialog', { name: 'Review your order' })).toBeInTheDocument();
    act(() => rendered.services.flags.set('orders.limitOrders', false));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    act(() => rendered.services.flags.set('orders.limitOrders', true));
    expect(await screen.findByRole('radio', { name: 'Limit' })).toBeChecked();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('placing an order', () => {
  it('shows the pending row at once, then follows the pushed versions to completed, once', async () => {
    const held = holdPlacements();
    const rendered = await openTicket();
    await fillTicket(rendered);
    const rowsBefore = recent().getAllByRole('row').length;
    await placeAndConfirm(rendered);
    // The request is still held: this row is the optimistic one.
    expect(within(rowOf('Buy 5 ABC')).getByText('Pending')).toBeInTheDocument();
    expect(placeButton()).toBeDisabled();
    // The draft stays until the server answers, so a retry sends the same order with the same key.
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveValue('5');
    held.release();
    expect(await within(rowOf('Buy 5 ABC')).findByText('Completed')).toBeInTheDocument();
    expect(recent().getAllByRole('button', { name: 'Steps of Buy 5 ABC' })).toHaveLength(1);
    expect(recent().getAllByRole('row')).toHaveLength(rowsBefore + 1);
    await rendered.user.click(recent().getByRole('button', { name: 'Steps of Buy 5 ABC' }));
    const steps = within(screen.getByRole('list', { name: 'Timeline of Buy 5 ABC' })).getAllByRole(
      'listitem',
    );
    expect(
      steps.map((step) => within(step).getByText(/^(Pending|Reserved|Placed|Completed)$/).textContent),
    ).toEqual(['Pending', 'Reserved', 'Placed', 'Completed']);
    // A new ticket: the form is empty again.
    expect(screen.getByRole('textbox', { name: 'Quantity' })).toHaveValue('');
  });

  it('reserves the cost in the portfolio at once', async () => {
    const held = holdPlacements();
    const rendered = await openTicket();
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    // The ticket reads the same cached portfolio: the available cash already excludes this order.
    await rendered.user.selectOptions(screen.getByRole('combobox', { name: 'Asset' }), 'ast-nrth');
    await rendered.user.click(screen.getByRole('radio', { name: 'Buy' }));
    expect(ticket().getByText('Available cash').nextElementSibling).toHaveTextContent('$11,542.25');
    held.release();
    expect(await within(rowOf('Buy 5 ABC')).findByText('Completed')).toBeInTheDocument();
  });

  it('sends one order for a double click', async () => {
    const placements = recordPlacements();
    const rendered = await openTicket();
    await fillTicket(rendered);
    await rendered.user.click(placeButton());
    await rendered.user.dblClick(await confirmButton());
    expect(await within(rowOf('Buy 5 ABC')).findByText('Completed')).toBeInTheDocument();
    expect(placements).toHaveLength(1);
    expect(recent().getAllByRole('button', { name: 'Steps of Buy 5 ABC' })).toHaveLength(1);
  });

  it('retries a failed request with the same idempotency key, and a new order gets a new key', async () => {
    server.use(http.post('/api/orders', () => HttpResponse.error(), { once: true }));
    const placements = recordPlacements(); // registered last, so it sees the failed request too
    const rendered = await openTicket();
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your order was not placed.');
    // The optimistic row is gone again: nothing was accepted.
    expect(recent().queryByRole('button', { name: 'Steps of Buy 5 ABC' })).not.toBeInTheDocument();
    await rendered.user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(rowOf('Buy 5 ABC')).findByText('Completed')).toBeInTheDocument();
    await fillTicket(rendered, { quantity: '1' });
    await placeAndConfirm(rendered);
    expect(await within(rowOf('Buy 1 ABC')).findByText('Completed')).toBeInTheDocument();
    expect(placements).toHaveLength(3);
    expect(placements[1]).toBe(placements[0]);
    expect(placements[2]).not.toBe(placements[0]);
  });

  it('shows the reason and gives the cash back when the saga rejects the order', async () => {
    const rendered = await openTicket();
    await fillTicket(rendered);
    // The server's cash moved since the ticket loaded (another tab spent it): the saga refuses.
    mockContext.db.state.accounts.find((a) => a.id === 'acc-alice-1')!.cash.available = '100.00';
    await placeAndConfirm(rendered);
    const row = rowOf('Buy 5 ABC');
    expect(await within(row).findByText('Rejected')).toBeInTheDocument();
    expect(row).toHaveTextContent('Insufficient funds');
    // The portfolio is refetched: nothing stays reserved for the rejected order.
    await rendered.user.type(screen.getByRole('textbox', { name: 'Quantity' }), '1');
    await waitFor(() =>
      expect(ticket().getByText('Available cash').nextElementSibling).toHaveTextContent('$100.00'),
    );
  });

  it('shows the reason and gives the cash back when the order fails at the market', async () => {
    mockContext.sagaStepMs = 60_000; // the simulated saga stays at pending; the push below moves it
    const rendered = await openTicket();
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    const row = rowOf('Buy 5 ABC');
    await waitFor(() => expect(within(row).queryByRole('button', { name: /^Cancel/ })).toBeInTheDocument());
    const placed = mockContext.db.state.orders[0]!;
    act(() =>
      rendered.services.realtime.publish('orders', {
        ...placed,
        status: 'failed',
        statusReason: 'The market refused the order.',
        steps: [
          ...placed.steps,
          { status: 'failed', at: new Date().toISOString(), reason: 'The market refused the order.' },
        ],
        version: placed.version + 3,
      }),
    );
    expect(await within(row).findByText('Failed')).toBeInTheDocument();
    expect(row).toHaveTextContent('The market refused the order.');
    await rendered.user.type(screen.getByRole('textbox', { name: 'Quantity' }), '1');
    await waitFor(() =>
      expect(ticket().getByText('Available cash').nextElementSibling).toHaveTextContent('$12,480.35'),
    );
  });

  it('removes the row and explains when the BFF refuses the order', async () => {
    server.use(
      http.post('/api/orders', ({ response }) =>
        response(422).json(errorBody('limit_orders_disabled', 'Limit orders are not available right now.')),
      ),
    );
    const rendered = await openTicket();
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    expect(await screen.findByRole('alert')).toHaveTextContent('Limit orders are not available right now.');
    expect(recent().queryByRole('button', { name: 'Steps of Buy 5 ABC' })).not.toBeInTheDocument();
    expect(ticket().getByText('Available cash').nextElementSibling).toHaveTextContent('$12,480.35');
  });

  it('never goes back to an older version pushed late', async () => {
    const rendered = await openTicket();
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    const row = rowOf('Buy 5 ABC');
    expect(await within(row).findByText('Completed')).toBeInTheDocument();
    const order = mockContext.db.state.orders[0]!;
    act(() => rendered.services.realtime.publish('orders', { ...order, status: 'placed', version: 2 }));
    act(() => rendered.services.realtime.publish('orders', order)); // the same version twice
    // A later push that is applied proves the stale ones before it were processed.
    const later = buildOrder({
      id: 'ord-9300',
      accountId: 'acc-alice-1',
      assetId: 'ast-litw',
      quantity: '3',
    });
    act(() => rendered.services.realtime.publish('orders', later));
    expect(await recent().findByRole('button', { name: 'Steps of Buy 3 LITW' })).toBeInTheDocument();
    expect(within(row).getByText('Completed')).toBeInTheDocument();
    expect(recent().getAllByRole('button', { name: 'Steps of Buy 5 ABC' })).toHaveLength(1);
  });
});

describe('cancelling an order', () => {
  async function placeLimitOrder(rendered: Rendered) {
    await rendered.user.click(screen.getByRole('radio', { name: 'Limit' }));
    await fillTicket(rendered, { quantity: '2' });
    await rendered.user.type(screen.getByRole('textbox', { name: 'Limit price' }), '150');
    await placeAndConfirm(rendered);
    // A limit order below the market waits there: placed, still cancellable.
    expect(await within(rowOf('Buy 2 ABC')).findByText('Placed')).toBeInTheDocument();
  }

  it('shows cancelling at once, then cancelled', async () => {
    const rendered = await openTicket();
    await placeLimitOrder(rendered);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.post('/api/orders/{id}/cancel', async () => {
        await gate;
        return undefined;
      }),
    );
    await rendered.user.click(within(rowOf('Buy 2 ABC')).getByRole('button', { name: 'Cancel Buy 2 ABC' }));
    const question = screen.getByRole('alertdialog', { name: 'Cancel Buy 2 ABC?' });
    expect(question).toHaveAccessibleDescription(/cash or assets it holds are released/);
    await rendered.user.click(within(question).getByRole('button', { name: 'Cancel order' }));
    expect(within(rowOf('Buy 2 ABC')).getByText('Cancelling')).toBeInTheDocument();
    release();
    expect(await within(rowOf('Buy 2 ABC')).findByText('Cancelled')).toBeInTheDocument();
    expect(
      within(rowOf('Buy 2 ABC')).queryByRole('button', { name: 'Cancel Buy 2 ABC' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Buy 2 ABC: cancel accepted.')).toBeInTheDocument();
  });

  it('keeps the order when the customer answers Keep order or presses Escape', async () => {
    const cancels: string[] = [];
    const rendered = await openTicket();
    await placeLimitOrder(rendered);
    server.use(
      http.post('/api/orders/{id}/cancel', ({ params }) => {
        cancels.push(String(params.id));
        return undefined;
      }),
    );
    const cancelButton = () => within(rowOf('Buy 2 ABC')).getByRole('button', { name: 'Cancel Buy 2 ABC' });
    await rendered.user.click(cancelButton());
    // Focus starts on the harmless answer, so an Enter by habit keeps the order.
    expect(screen.getByRole('button', { name: 'Keep order' })).toHaveFocus();
    await rendered.user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await rendered.user.click(cancelButton());
    await rendered.user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(rowOf('Buy 2 ABC')).getByText('Placed')).toBeInTheDocument();
    expect(cancels).toEqual([]);
  });

  it('puts the order back and says why when the cancel is refused', async () => {
    const rendered = await openTicket();
    await placeLimitOrder(rendered);
    server.use(
      http.post('/api/orders/{id}/cancel', ({ response }) =>
        response(422).json(
          errorBody('not_cancellable', 'The order is completed and can no longer be cancelled.'),
        ),
      ),
    );
    await rendered.user.click(within(rowOf('Buy 2 ABC')).getByRole('button', { name: 'Cancel Buy 2 ABC' }));
    await rendered.user.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('can no longer be cancelled');
    expect(within(rowOf('Buy 2 ABC')).getByText('Placed')).toBeInTheDocument();
  });
});

describe('after a gap in pushes', () => {
  it('keeps an accepted order the lagging read model does not have yet, and catches up on reconnect', async () => {
    mockContext.readModelLagMs = 60_000; // the read model will not have the order during this test
    const rendered = await openTicket({ pushes: false });
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    await waitFor(() => expect(placeButton()).toBeEnabled());
    expect(within(rowOf('Buy 5 ABC')).getByText('Pending')).toBeInTheDocument();

    act(() => rendered.services.realtime.setState('disconnected'));
    expect(screen.getAllByText('Paused — refreshing every few seconds')[0]).toBeInTheDocument();
    // Meanwhile the read model caught up with the whole saga (its pushes were missed).
    const order = mockContext.db.state.orders[0]!;
    mockContext.db.state.orderViews.unshift(structuredClone(order));
    const unrelated = buildOrder({
      id: 'ord-9200',
      accountId: 'acc-alice-1',
      assetId: 'ast-advw',
      quantity: '7',
      status: 'completed',
    });
    mockContext.db.state.orderViews.unshift(unrelated);
    act(() => rendered.services.realtime.setState('connected'));
    expect(await recent().findByRole('button', { name: 'Steps of Buy 7 ADVW' })).toBeInTheDocument();
    expect(within(rowOf('Buy 5 ABC')).getByText('Completed')).toBeInTheDocument();
    expect(recent().getAllByRole('button', { name: 'Steps of Buy 5 ABC' })).toHaveLength(1);
  });

  it('keeps the order through a refetch while the read model lags', async () => {
    mockContext.readModelLagMs = 60_000;
    mockContext.sagaStepMs = 60_000;
    const rendered = await openTicket({ pushes: false });
    await fillTicket(rendered);
    await placeAndConfirm(rendered);
    await waitFor(() => expect(placeButton()).toBeEnabled());
    act(() => rendered.services.realtime.publish('resync', { version: 0, reason: 'test' }));
    await waitFor(() => expect(rendered.services.queryClient.isFetching()).toBe(0));
    expect(within(rowOf('Buy 5 ABC')).getByText('Pending')).toBeInTheDocument();
  });
});

describe('a service out while the customer drafts', () => {
  it('keeps the form and the draft when the refresh after a refused order fails, and says so', async () => {
    const rendered = await openTicket();
    await fillTicket(rendered, { quantity: '7' });
    const unavailable = errorBody('unavailable', 'The orders service is unavailable; try again shortly');
    server.use(
      http.post('/api/orders', ({ response }) => response(503).json(unavailable)),
      http.get('/api/portfolio', ({ response }) => response(503).json(unavailable)),
    );
    await placeAndConfirm(rendered);

    expect(await screen.findByText('Your order was not placed.')).toBeInTheDocument();
    expect(await screen.findByText('Your accounts and prices could not be refreshed')).toBeInTheDocument();
    expect(screen.queryByText('We could not load the order ticket.')).not.toBeInTheDocument();
    expect(ticket().getByRole('textbox', { name: 'Quantity' })).toHaveValue('7');
    expect(ticket().getByRole('combobox', { name: 'Asset' })).toHaveValue('ast-abc');
  });
});
