// Issue 11 (Build 3) as a customer sees it: the orders service is out for 5 s (its connections are
// reset, as when its process dies), the ticket says so in words and keeps the draft, and an order
// placed 6 s after the outage began goes through: the BFF's breaker does not outlive the outage.
import type { Page } from '@playwright/test';
import { confirmOrder, drillUrl, expect, fragmentRegion, logIn, test } from '../support/product';

const OUTAGE_MS = 5000;

async function openTrade(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
  const region = fragmentRegion(page, 'Orders');
  await expect(region).toHaveAttribute('data-fragment-state', 'ready');
  await expect(region.getByRole('combobox', { name: 'Asset', exact: true })).toBeVisible();
  return region;
}

test('an order placed 6 s after a 5 s outage of the orders service goes through', async ({ page }) => {
  await logIn(page, 'alice');
  const region = await openTrade(page);
  await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
  await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('GLBX');
  await region.getByRole('radio', { name: 'Buy' }).check();
  await region.getByRole('radio', { name: 'Market' }).check();
  // No other test buys 7 GLBX, so the row found below is this order.
  await region.getByRole('textbox', { name: 'Quantity' }).fill('7');

  const outage = await page.request.post(`${drillUrl}/drills/outages`, {
    data: { service: 'orders', durationMs: OUTAGE_MS },
  });
  expect(outage.status()).toBe(201);
  const outageBegan = Date.now();

  // During the outage: refused in words, the draft kept, nothing placed.
  const refused = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/orders',
  );
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);
  const refusal = await refused;
  expect(refusal.status()).toBe(503);
  expect(Number(refusal.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
  await expect(region.getByText('Your order was not placed.')).toBeVisible();
  await expect(region.getByText(/orders service is unavailable; try again shortly/)).toBeVisible();
  await expect(region.getByRole('textbox', { name: 'Quantity' })).toHaveValue('7');
  // Other readers of the orders service keep failing meanwhile, so the BFF's breaker opens.
  for (let n = 0; n < 5; n++) expect((await page.request.get('/api/orders')).status()).toBe(503);

  await page.waitForTimeout(Math.max(0, outageBegan + OUTAGE_MS + 1000 - Date.now()));
  const placed = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/orders',
  );
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);
  expect((await placed).status()).toBe(201);
  const row = region
    .getByRole('table', { name: 'Recent orders' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: 'Steps of Buy 7 GLBX' }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('Completed')).toBeVisible({ timeout: 30_000 });
});
