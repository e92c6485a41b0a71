// Issue 11 (build 1, 4, 5) as a customer sees it, with the read model lagging 2 s: a just-placed
// order can be cancelled at once, a limit draft survives its flag going off, and too small an
// investment is refused with the reason before anything is sent.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { confirmAlert, confirmOrder, expect, fragmentRegion, logIn, test } from '../support/product';

test.describe.configure({ mode: 'serial' });

const CSRF = { 'X-CSRF-Protection': '1' };

async function setFlag(request: APIRequestContext, name: string, on: boolean) {
  const response = await request.put('/api/admin/flags', { headers: CSRF, data: { flags: { [name]: on } } });
  expect(response.status()).toBe(200);
}

async function openTrade(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
  const region = fragmentRegion(page, 'Orders');
  await expect(region).toHaveAttribute('data-fragment-state', 'ready');
  await expect(region.getByRole('combobox', { name: 'Asset', exact: true })).toBeVisible();
  return region;
}

async function draftLimitBuy(region: Locator, asset: string, quantity: string, limitPrice: string) {
  await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
  await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption(asset);
  await region.getByRole('radio', { name: 'Buy' }).check();
  await region.getByRole('radio', { name: 'Limit' }).check();
  await region.getByRole('textbox', { name: 'Quantity' }).fill(quantity);
  await region.getByRole('textbox', { name: 'Limit price' }).fill(limitPrice);
}

function recentRow(region: Locator, description: string) {
  return region
    .getByRole('table', { name: 'Recent orders' })
    .getByRole('row')
    .filter({ has: region.page().getByRole('button', { name: `Steps of ${description}` }) });
}

test('a just-placed order is cancelled at once, before the read model has it', async ({ page }) => {
  await logIn(page, 'alice');
  const region = await openTrade(page);
  // 1 GLBX at a limit of 60.00: above the 50.00 minimum, below the market, so it stays open.
  await draftLimitBuy(region, 'GLBX', '1', '60');
  const placed = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/orders',
  );
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);
  expect((await placed).status()).toBe(201);
  const row = recentRow(region, 'Buy 1 GLBX').first();
  await row.getByRole('button', { name: 'Cancel Buy 1 GLBX' }).click();
  await confirmAlert(page, 'Cancel order');
  await expect(row.getByText(/^(Cancelling|Cancelled)$/)).toBeVisible();
  await expect(region.getByText(/not found/i)).toHaveCount(0);
  await expect(row.getByText('Cancelled')).toBeVisible({ timeout: 30_000 });
});

test('a limit draft keeps its values and explains when an admin turns limit orders off', async ({
  page,
  browser,
}) => {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await logIn(adminPage, 'admin');
  try {
    await logIn(page, 'alice');
    const region = await openTrade(page);
    // 11 GLBX at 5.00 (55.00, above the minimum order value, so only the flag stands in the way);
    // no other test places 11 GLBX, so any such row would be this draft sent anyway.
    await draftLimitBuy(region, 'GLBX', '11', '5');
    await setFlag(adminPage.request, 'orders.limitOrders', false);

    await expect(region.getByRole('radio', { name: 'Limit (not available now)' })).toBeChecked();
    await expect(region.getByRole('textbox', { name: 'Quantity' })).toHaveValue('11');
    await expect(region.getByRole('textbox', { name: 'Limit price' })).toHaveValue('5');
    await expect(region.getByText(/Limit orders have just been turned off/)).toBeVisible();
    await region.getByRole('button', { name: 'Place order' }).click();
    await expect(recentRow(region, 'Buy 11 GLBX')).toHaveCount(0);
  } finally {
    await setFlag(adminPage.request, 'orders.limitOrders', true);
    await adminContext.close();
  }
});

test('a 0.50 investment is refused with the minimum as the reason, and nothing is sent', async ({ page }) => {
  await logIn(page, 'alice');
  const posted: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/investments'))
      posted.push(request.url());
  });
  await page.goto('/strategies/s-steady-income/invest');
  const region = fragmentRegion(page, 'Strategies');
  const amount = region.getByLabel('Amount');
  await expect(amount).toBeVisible();
  await expect(
    region.getByText(/The minimum for this strategy is \$[\d,.]+ \(each order at least \$50\.00\)/),
  ).toBeVisible();
  await amount.fill('0.50');
  await region.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(
    region.getByText(
      /The minimum for this strategy is \$[\d,.]+, so that each of its orders is at least \$50\.00\./,
    ),
  ).toBeVisible();
  expect(posted).toEqual([]);
  // The server says the same to a client that sends it anyway.
  const response = await page.request.post('/api/strategies/s-steady-income/investments', {
    headers: { ...CSRF, 'Idempotency-Key': `e2e-${Date.now()}` },
    data: { accountId: 'a-alice-1', amount: '0.50' },
  });
  expect(response.status()).toBe(422);
  expect(await response.json()).toMatchObject({
    error: { code: 'investment_below_minimum', fields: [{ field: 'body.amount' }] },
  });
});
