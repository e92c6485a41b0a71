// Issue 11, Build 2: with the realtime connection blocked, live views fall back to asking the
// server every few seconds and say so; when the connection is back, polling stops.
import type { Page } from '@playwright/test';
import { confirmOrder, expect, fragmentRegion, logIn, test } from '../support/product';

const PAUSED = 'Live updates paused — refreshing every few seconds';

/**
 * Blocks /realtime in both socket.io transports until `unblock()`: websocket connections are
 * closed as soon as the page opens them, HTTP long-polling requests (a transport the client does
 * not use, but a fallback would) are aborted. Counts the refused websocket attempts, to prove the
 * block was exercised.
 */
async function blockRealtime(page: Page) {
  const state = { blocked: true, refused: 0 };
  await page.routeWebSocket(/\/realtime\//, (socket) => {
    if (!state.blocked) {
      socket.connectToServer();
      return;
    }
    state.refused += 1;
    void socket.close({ code: 1011, reason: 'blocked by the test' });
  });
  await page.route('**/realtime/**', (route) => (state.blocked ? route.abort() : route.continue()));
  return {
    attempts: () => state.refused,
    unblock: () => {
      state.blocked = false;
    },
  };
}

/** GET /api/orders requests sent by the page (the list polls them while push is down). */
function countOrderReads(page: Page) {
  const reads = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/orders') reads.count += 1;
  });
  return reads;
}

test('with /realtime blocked a market order reaches Completed within 5 s and the page says updates are paused; unblocked, pushes take over again', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const realtime = await blockRealtime(page);
  const reads = countOrderReads(page);
  await logIn(page, 'alice');
  const status = page.getByRole('status', { name: 'Live updates' });
  await expect(status).toHaveText(PAUSED, { timeout: 30_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
  const region = fragmentRegion(page, 'Orders');
  await expect(region.getByRole('combobox', { name: 'Asset', exact: true })).toBeVisible({ timeout: 30_000 });
  await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
  await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('ACME');
  await region.getByRole('radio', { name: 'Buy' }).check();
  await region.getByRole('textbox', { name: 'Quantity' }).fill('2');
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);

  const row = region
    .getByRole('table', { name: 'Recent orders' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: 'Steps of Buy 2 ACME' }) })
    .first();
  await expect(row.getByText('Pending')).toBeVisible();
  // The read model lags by 2 s and nothing is pushed: only polling can show the fill in time.
  await expect(row.getByText('Completed')).toBeVisible({ timeout: 5_000 });
  expect(realtime.attempts()).toBeGreaterThan(0);
  await expect(status).toHaveText(PAUSED);

  realtime.unblock();
  // socket.io retries with its own backoff (up to 5 s between attempts, randomised by half).
  await expect(status).toHaveText('Live', { timeout: 45_000 });
  await expect(page.getByText(PAUSED)).toHaveCount(0);

  // Connected again: after the one resync refetch, the list is no longer polled.
  await expect
    .poll(
      async () => {
        const before = reads.count;
        await page.waitForTimeout(1_000);
        return reads.count - before;
      },
      { timeout: 15_000 },
    )
    .toBe(0);
  const settled = reads.count;
  await page.waitForTimeout(5_000);
  expect(reads.count).toBe(settled);
});
