// Issue 5: the orders fragment against the real product (read model lagging by 2 s): the ticket,
// optimistic rows, pushed progress, idempotent submits, and orders visible to their owner only.
import type { Locator, Page } from '@playwright/test';
import { confirmOrder, expect, fragmentRegion, logIn, orderReview, test } from '../support/product';

test.describe.configure({ mode: 'serial' });

/** The orders fragment on /trade, reached through the navigation (no reload after this). */
async function openTrade(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
  const region = fragmentRegion(page, 'Orders');
  await expect(region).toHaveAttribute('data-fragment-state', 'ready');
  await expect(region.getByRole('combobox', { name: 'Asset', exact: true })).toBeVisible();
  return region;
}

async function fillTicket(region: Locator, side: 'Buy' | 'Sell', asset: string, quantity: string) {
  await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
  await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption(asset);
  await region.getByRole('radio', { name: side }).check();
  await region.getByRole('textbox', { name: 'Quantity' }).fill(quantity);
}

/** The row of an order in the recent orders beside the ticket, by how a person names it. */
function recentRow(region: Locator, description: string) {
  return region
    .getByRole('table', { name: 'Recent orders' })
    .getByRole('row')
    .filter({ has: region.page().getByRole('button', { name: `Steps of ${description}` }) });
}

/** Counts POST /api/orders sent by a page. */
function countPlacements(page: Page) {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/orders')
      sent.push(request.headers()['idempotency-key'] ?? '');
  });
  return sent;
}

interface OrderView {
  id: string;
  accountId: string;
  assetId: string;
  side: string;
  quantity: string;
  status: string;
}

/** The read model's view of the user's orders (what a reload would show). */
async function readModel(page: Page): Promise<OrderView[]> {
  const response = await page.request.get('/api/orders?size=100');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: OrderView[] }).items;
}

async function holdingQuantity(page: Page, symbol: string) {
  const region = fragmentRegion(page, 'Orders');
  const row = region
    .getByRole('table', { name: 'Holdings in Alice Brokerage' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${symbol}\\b`) }) });
  return row.getByRole('cell').first();
}

test('alice buys 5 ACME: the row shows before the read model has it, completes live, and her holding grows', async ({
  page,
}) => {
  await logIn(page, 'alice');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  const quantityCell = await holdingQuantity(page, 'ACME');
  await expect(quantityCell).toHaveText(/^\d/);
  const before = Number((await quantityCell.textContent())!.replace(/,/g, ''));

  const region = await openTrade(page);
  const known = new Set((await readModel(page)).map((order) => order.id));
  await fillTicket(region, 'Buy', 'ACME', '5');
  // The fee comes from the accounts service's schedule (GET /api/fees).
  const ticket = region.getByRole('form', { name: 'Order ticket' });
  await expect(ticket.getByRole('definition').filter({ hasText: /^\$\d/ }).first()).toBeVisible();
  await expect(ticket.getByText('Fee', { exact: true }).locator('xpath=following-sibling::*[1]')).toHaveText(
    /^\$\d+\.\d{2}$/,
  );
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);

  const row = recentRow(region, 'Buy 5 ACME').first();
  await expect(row.getByText('Pending')).toBeVisible();
  // The read model lags by 2 s: it does not list the new order yet, the page already does.
  expect((await readModel(page)).filter((order) => !known.has(order.id))).toEqual([]);

  await expect(row.getByText('Completed')).toBeVisible({ timeout: 30_000 });
  await expect(recentRow(region, 'Buy 5 ACME')).toHaveCount(1);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await expect(await holdingQuantity(page, 'ACME')).toHaveText(String(before + 5));
});

test('selling more than she holds is refused inline and sends nothing', async ({ page }) => {
  await logIn(page, 'alice');
  const sent = countPlacements(page);
  const region = await openTrade(page);
  await fillTicket(region, 'Sell', 'ACME', '100000');
  const quantity = region.getByRole('textbox', { name: 'Quantity' });
  await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  await expect(region.getByText(/You can sell at most [\d,.]+ ACME\./)).toBeVisible();
  await region.getByRole('button', { name: 'Place order' }).click();
  await expect(recentRow(region, 'Sell 100,000 ACME')).toHaveCount(0);
  // A valid sale afterwards is sent; requests are reported in order, so had the refused one
  // gone out it would be counted before this one.
  await quantity.fill('1');
  await expect(quantity).not.toHaveAttribute('aria-invalid', 'true');
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);
  await expect(recentRow(region, 'Sell 1 ACME').first()).toBeVisible();
  expect(sent).toHaveLength(1);
});

test('a double click places one order', async ({ page }) => {
  await logIn(page, 'alice');
  const sent = countPlacements(page);
  const region = await openTrade(page);
  const known = new Set((await readModel(page)).map((order) => order.id));
  await fillTicket(region, 'Buy', 'GLBX', '1');
  await region.getByRole('button', { name: 'Place order' }).click();
  await orderReview(page).getByRole('button', { name: 'Confirm order' }).dblclick();
  const row = recentRow(region, 'Buy 1 GLBX');
  await expect(row.getByText('Completed')).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveCount(1);
  // Whatever the browser sent, it carried one key, and the server made one order.
  expect(new Set(sent).size).toBe(1);
  await expect
    .poll(async () => (await readModel(page)).filter((o) => !known.has(o.id) && o.assetId === 'GLBX').length)
    .toBe(1);
});

test('two tabs of alice both follow an order placed in one of them', async ({ context }) => {
  const first = await context.newPage();
  await logIn(first, 'alice');
  const second = await context.newPage();
  await second.goto('/orders');
  const orders = fragmentRegion(second, 'Orders');
  await expect(orders.getByRole('table', { name: 'Your orders' })).toBeVisible();

  const region = await openTrade(first);
  await fillTicket(region, 'Buy', 'GLBX', '2');
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(first);
  await expect(recentRow(region, 'Buy 2 GLBX').getByText('Completed')).toBeVisible({ timeout: 30_000 });

  const other = orders
    .getByRole('table', { name: 'Your orders' })
    .getByRole('row')
    .filter({ has: second.getByRole('button', { name: 'Steps of Buy 2 GLBX' }) });
  await expect(other.getByText('Completed')).toBeVisible({ timeout: 30_000 });
  await expect(other).toHaveCount(1);
});

test("bob never sees alice's orders, not even live", async ({ browser }) => {
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await logIn(bob, 'bob');
  await bob.goto('/orders');
  const bobOrders = fragmentRegion(bob, 'Orders');
  await expect(bobOrders.getByRole('table', { name: 'Your orders' })).toBeVisible();

  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await logIn(alice, 'alice');
  const region = await openTrade(alice);
  await fillTicket(region, 'Buy', 'GLBX', '3');
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(alice);
  await expect(recentRow(region, 'Buy 3 GLBX').getByText('Completed')).toBeVisible({ timeout: 30_000 });

  // Every push of that order has reached alice; none reached bob's page.
  await expect(bobOrders.getByRole('button', { name: /^Steps of .* GLBX$/ })).toHaveCount(0);
  const aliceAccounts = new Set((await readModel(alice)).map((order) => order.accountId));
  const bobsView = await readModel(bob);
  expect(bobsView.filter((order) => aliceAccounts.has(order.accountId))).toEqual([]);
  await aliceContext.close();
  await bobContext.close();
});
