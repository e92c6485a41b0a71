import { http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

/**
 * Without pushes, the trade page must still follow the server: only while the realtime connection
 * is down does it ask for the order list again (every few seconds, see live-query.ts in
 * packages/platform). Pushes are never delivered here, so only polling can show a server change.
 */

const SLOW = { timeout: 15_000 };

/** How many times the page asked for its orders. */
function countOrderReads() {
  const reads = { count: 0 };
  server.use(
    http.get('/api/orders', () => {
      reads.count += 1;
      return undefined; // fall through to the contract mock
    }),
  );
  return reads;
}

async function placeBuy5Abc(rendered: ReturnType<typeof renderFragment>) {
  await screen.findByRole('table', { name: 'Recent orders' });
  await rendered.user.selectOptions(screen.getByRole('combobox', { name: 'Asset' }), 'ast-abc');
  await rendered.user.click(screen.getByRole('radio', { name: 'Buy' }));
  await rendered.user.type(screen.getByRole('textbox', { name: 'Quantity' }), '5');
  await rendered.user.click(screen.getByRole('button', { name: 'Place order' }));
  await rendered.user.click(await screen.findByRole('button', { name: 'Confirm order' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Place order' })).toBeEnabled(), SLOW);
}

const recentRow = (description: string) =>
  within(screen.getByRole('table', { name: 'Recent orders' }))
    .getByRole('button', { name: `Steps of ${description}` })
    .closest('tr')!;

/** Real time passing with nothing expected to happen; a slow machine only makes fewer requests. */
const idle = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

afterEach(() => {
  mockContext.sagaStepMs = 0;
  mockContext.readModelLagMs = 0;
});

describe('live views while the realtime connection is down', () => {
  it('polls the orders, shows the server-side fill without a push, and says updates are paused', async () => {
    const rendered = renderFragment('/trade');
    act(() => rendered.services.realtime.setState('disconnected'));
    expect(
      (await screen.findAllByText('Paused — refreshing every few seconds', {}, SLOW))[0],
    ).toBeInTheDocument();
    expect(screen.getByText('Live prices paused — refreshing every few seconds')).toBeInTheDocument();

    await placeBuy5Abc(rendered);
    // The mocks' saga fills the order at once on the server; the page learns it only by asking.
    await waitFor(
      () => expect(within(recentRow('Buy 5 ABC')).getByText('Completed')).toBeInTheDocument(),
      SLOW,
    );
  }, 60_000);

  it('does not poll while connected, polls once disconnected, and stops when the connection is back', async () => {
    const rendered = renderFragment('/trade');
    const reads = countOrderReads();
    await placeBuy5Abc(rendered);
    await waitFor(() => expect(rendered.services.queryClient.isFetching()).toBe(0), SLOW);
    const whileConnected = reads.count;
    await idle(3_000);
    expect(reads.count).toBe(whileConnected);
    expect(within(recentRow('Buy 5 ABC')).getByText('Pending')).toBeInTheDocument();

    act(() => rendered.services.realtime.setState('disconnected'));
    await waitFor(
      () => expect(within(recentRow('Buy 5 ABC')).getByText('Completed')).toBeInTheDocument(),
      SLOW,
    );
    expect(reads.count).toBeGreaterThan(whileConnected);

    act(() => rendered.services.realtime.setState('connected'));
    expect(await screen.findByText('Live')).toBeInTheDocument();
    // Reconnecting refetches once (the resync); after it settles, no more polling.
    await waitFor(() => expect(rendered.services.queryClient.isFetching()).toBe(0), SLOW);
    const afterResync = reads.count;
    await idle(3_000);
    expect(reads.count).toBe(afterResync);
  }, 60_000);
});
