// Issue 15: the trading UI a customer and an admin expect, against the real product: the rough
// edges of "Found", the phone layout, notifications on any page, dark theme, axe and screenshots.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import {
  confirmAlert,
  confirmOrder,
  DEMO,
  expect,
  fragmentRegion,
  orderReview,
  repoRoot,
  test,
} from '../support/product';

test.describe.configure({ mode: 'serial' });

const CUSTOMER_PAGES = ['/trade', '/orders', '/portfolio', '/strategies'];
const ADMIN_PAGES = [
  '/admin',
  '/admin/orders',
  '/admin/customers',
  '/admin/users',
  '/admin/fragments',
  '/admin/flags',
  '/admin/audit',
  '/admin/strategies',
];
const SCREENSHOTS = path.join(repoRoot, 'e2e', 'screenshots');

/** Logs in at any width: on a phone, Log out is behind the Menu button, Notifications is not. */
async function logIn(page: Page, who: keyof typeof DEMO) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(DEMO[who].username);
  await page.getByLabel('Password').fill(DEMO[who].password);
  await page.getByRole('button', { name: /log in/i }).click();
  await expect(page.getByRole('button', { name: /^Notifications/ })).toBeVisible();
}

async function logOut(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: /log out/i }).click();
  await expect(page.getByRole('heading', { name: 'Log in to SimpleBank' })).toBeVisible();
}

/** A page of a fragment, loaded and settled (no spinner left). */
async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('[data-fragment-state]').first()).toHaveAttribute('data-fragment-state', 'ready');
  await expect(page.locator('.sb-loading')).toHaveCount(0, { timeout: 20_000 });
}

async function pageIsNotWiderThanTheScreen(page: Page, url: string) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scrollWidth, `${url} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

test('a logged-out visit logs no failed request (no favicon 404, no session 401)', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.goto('/portfolio');
  await expect(page.getByRole('heading', { name: 'Log in to SimpleBank' })).toBeVisible();
  // The favicon is asked for by the browser after load; give it the time to answer.
  await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
  expect((await page.request.get('/favicon.svg')).status()).toBe(200);
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the menu collapses and no customer page scrolls sideways', async ({ page }) => {
    await logIn(page, 'alice');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(nav.getByRole('link', { name: 'Strategies' })).toBeVisible();
    await expect(page.getByRole('button', { name: /log out/i })).toBeVisible();
    for (const url of CUSTOMER_PAGES) {
      await open(page, url);
      await pageIsNotWiderThanTheScreen(page, url);
    }
  });

  test('no admin page scrolls sideways', async ({ page }) => {
    await logIn(page, 'admin');
    for (const url of ADMIN_PAGES) {
      await open(page, url);
      await pageIsNotWiderThanTheScreen(page, url);
    }
  });
});

test('the quantity message says what is wrong with -1 and 1e9', async ({ page }) => {
  await logIn(page, 'alice');
  await open(page, '/trade');
  const quantity = fragmentRegion(page, 'Orders').getByRole('textbox', { name: 'Quantity' });
  await quantity.fill('-1');
  await expect(quantity).toHaveAccessibleDescription(/cannot be negative/);
  await quantity.fill('1e9');
  await expect(quantity).toHaveAccessibleDescription(/plain digits.*not in scientific notation/);
});

test('/orders: filters say when they hide everything and survive a reload', async ({ page }) => {
  await logIn(page, 'alice');
  await open(page, '/orders');
  const region = fragmentRegion(page, 'Orders');
  await region.getByRole('combobox', { name: 'Status' }).selectOption('Expired');
  await region.getByRole('textbox', { name: 'Placed from' }).fill('2020-01-01');
  await region.getByRole('textbox', { name: 'Placed until' }).fill('2020-01-02');
  await expect(region.getByText('No orders match these filters.')).toBeVisible();
  await page.reload();
  await expect(region.getByRole('combobox', { name: 'Status' })).toHaveValue('expired');
  await expect(region.getByRole('textbox', { name: 'Placed from' })).toHaveValue('2020-01-01');
  await expect(region.getByText('No orders match these filters.')).toBeVisible();
  await expect(region.getByText('You have not placed any orders yet.')).toHaveCount(0);
  await region.getByRole('textbox', { name: 'Placed until' }).fill('2019-12-01');
  await expect(region.getByRole('textbox', { name: 'Placed until' })).toHaveAccessibleDescription(
    /"until" day is before the "from" day/,
  );
});

test('a fill is announced on another page, and listed', async ({ page }) => {
  await logIn(page, 'alice');
  await open(page, '/trade');
  const region = fragmentRegion(page, 'Orders');
  await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
  await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('ACME');
  await region.getByRole('radio', { name: 'Buy' }).check();
  await region.getByRole('textbox', { name: 'Quantity' }).fill('1');
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);
  // Leave at once: the fill arrives while the strategies page is open.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategies' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Filled: Buy 1 ACME/ })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: /Notifications/ }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Filled: Buy 1 ACME');
});

test('/orders: each order has an account, a fee, a total and a reference to quote; assets can be filtered', async ({
  page,
}) => {
  // Runs after "a fill is announced" (serial): alice has at least that order.
  await logIn(page, 'alice');
  await open(page, '/orders');
  const region = fragmentRegion(page, 'Orders');
  const table = region.getByRole('table').first();
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const headers = await table.getByRole('columnheader').allTextContents();
  for (const header of ['Reference', 'Account', 'Fee', 'Total']) expect(headers).toContain(header);
  await region.getByRole('combobox', { name: 'Asset' }).selectOption('ACME');
  await expect(page).toHaveURL(/asset/i);
  await expect(table.getByRole('row').nth(1)).toContainText('ACME');
});

test('the invest page says amounts as money: "$500,500.00", not "500500.00"', async ({ page }) => {
  await logIn(page, 'alice');
  await page.goto('/strategies/s-steady-income/invest');
  const region = fragmentRegion(page, 'Strategies');
  await region.getByLabel('Amount').fill('500000');
  await region.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(
    region.getByText(
      /^Not enough cash: with fees this takes \$\d{3},\d{3}\.\d{2}, and \$[\d,]+\.\d{2} is available\.$/,
    ),
  ).toBeVisible();
});

test('a retired strategy keeps its name under "Your investments"', async ({ page, browser }) => {
  const CSRF = { 'X-CSRF-Protection': '1' };
  const name = `Retired later ${Date.now()}`;
  const adminPage = await browser.newPage();
  await logIn(adminPage, 'admin');
  const created = await adminPage.request.post('/api/strategies', {
    headers: CSRF,
    data: {
      name,
      description: 'Retired after alice invests.',
      riskLevel: 'low',
      timeHorizon: '1-3 years',
      allocations: [{ assetId: 'WRLD', percentage: '100' }],
    },
  });
  expect(created.status()).toBe(201);
  const draft = (await created.json()) as { id: string; version: number };
  const published = await adminPage.request.post(`/api/strategies/${draft.id}/publish`, {
    headers: CSRF,
    data: { expectedVersion: draft.version },
  });
  expect(published.status()).toBe(200);

  await logIn(page, 'alice');
  const invested = await page.request.post(`/api/strategies/${draft.id}/investments`, {
    headers: { ...CSRF, 'Idempotency-Key': `e2e-retired-${Date.now()}` },
    data: { accountId: 'a-alice-1', amount: '100.00' },
  });
  expect(invested.ok()).toBe(true);
  const retired = await adminPage.request.post(`/api/strategies/${draft.id}/retire`, {
    headers: CSRF,
    data: { expectedVersion: ((await published.json()) as { version: number }).version },
  });
  expect(retired.status()).toBe(200);
  await adminPage.close();

  await open(page, '/strategies');
  const investments = fragmentRegion(page, 'Strategies').getByRole('table', { name: 'Your investments' });
  await expect(investments).toContainText(name);
  await expect(investments).not.toContainText('A retired strategy');
});

test('admin: names not ids, one "Order" column, one highlighted entry, a bad range refused', async ({
  page,
  browser,
}) => {
  // An order of alice's, so the list has a row whatever ran before.
  const alice = await browser.newPage();
  await logIn(alice, 'alice');
  const placed = await alice.request.post('/api/orders', {
    headers: { 'X-CSRF-Protection': '1', 'Idempotency-Key': `e2e-names-${Date.now()}` },
    data: { accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', type: 'market', quantity: '1' },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const { id } = (await placed.json()) as { id: string };
  await alice.close();

  await logIn(page, 'admin');
  await open(page, '/admin/orders');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  await expect(nav.locator('[aria-current="page"]')).toHaveText('All orders');
  const table = page.getByRole('table', { name: 'All orders' });
  const row = table.getByRole('row').filter({ hasText: id });
  await expect(row).toBeVisible();
  const headers = await table.getByRole('columnheader').allTextContents();
  expect(headers.filter((h) => h === 'Order')).toHaveLength(1);
  await expect(row).toContainText(/Alice/);
  await expect(row).not.toContainText('c-alice');
  // A reference is one line, not a full UUID wrapped over several.
  const [height, lineHeight] = await row
    .locator('code.sb-id')
    .first()
    .evaluate((element) => [
      element.getBoundingClientRect().height,
      Number.parseFloat(getComputedStyle(element).lineHeight) || 20,
    ]);
  expect(height).toBeLessThan(lineHeight! * 1.5);
  const filters = page.getByRole('form', { name: 'Filter orders' });
  // The filters sit side by side above the table, not stacked.
  const [from, until] = [
    await filters.getByLabel('Created from').boundingBox(),
    await filters.getByLabel('Created until').boundingBox(),
  ];
  expect(Math.abs(from!.y - until!.y)).toBeLessThan(2);
  expect(until!.x).toBeGreaterThan(from!.x);
  await filters.getByLabel('Created from').fill('2026-03-10');
  await filters.getByLabel('Created until').fill('2026-03-01');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(filters.getByLabel('Created until')).toHaveAccessibleDescription(
    /"until" day is before the "from" day/,
  );
  await expect(page).not.toHaveURL(/from=/);
});

test("admin: the admin's own Admin role is locked, Roll back says why it is disabled", async ({ page }) => {
  await logIn(page, 'admin');
  await open(page, '/admin/users');
  await page
    .getByRole('button', { name: /Change roles of Ada|Change roles of Admin/ })
    .first()
    .click();
  // The admin's own roles editor (the new-user form has an Admin checkbox of its own).
  const ownAdmin = page.getByRole('checkbox', {
    name: 'Admin',
    description: /cannot remove your own admin role/,
  });
  await expect(ownAdmin).toBeDisabled();
  await expect(ownAdmin).toBeChecked();
  await open(page, '/admin/fragments');
  // A fragment with a single version (the product starts with one of each; at most orders gets a
  // second one in platform.spec.ts) cannot roll back, and its button says why and how to upload one.
  const disabled = page.locator('button[aria-label^="Roll back"][disabled]');
  await expect(disabled.first()).toBeVisible();
  await expect(disabled.first()).toHaveAccessibleDescription(/npm run deploy -w apps\//);
});

test('the dark theme is remembered across a reload', async ({ page }) => {
  await logIn(page, 'alice');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

function recentRow(region: Locator, description: string) {
  return region
    .getByRole('table', { name: 'Recent orders' })
    .getByRole('row')
    .filter({ has: region.page().getByRole('button', { name: `Steps of ${description}` }) });
}

test.describe('the trade screen at 1440 px', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('quote, chart, watchlist, ticket and recent orders share one screen; a tick moves the quote', async ({
    page,
  }) => {
    await logIn(page, 'alice');
    // The page logIn lands on (/portfolio) loads histories of its own, late on a busy machine: leave
    // it first, so that only /trade's requests are counted.
    await page.goto('about:blank');
    // The watchlist takes its daily change from the asset list: /trade loads one price history (the
    // shown asset's), not one per watched asset.
    const histories: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/assets\/[^/]+\/history/.test(new URL(request.url()).pathname))
        histories.push(request.url());
    });
    await open(page, '/trade');
    const region = fragmentRegion(page, 'Orders');
    const watchlist = region.getByRole('region', { name: 'Watchlist' });
    const watched = watchlist.getByRole('button');
    await expect(watched).toHaveCount(8);
    for (const item of await watched.all())
      await expect(item).toHaveAccessibleName(/ daily change [+-]?\d+(\.\d+)?% \((up|down|unchanged)\)$/);
    await expect(
      region
        .getByRole('figure', { name: /^Price of / })
        .locator('canvas')
        .first(),
    ).toBeVisible();
    expect(histories).toHaveLength(1);
    await watchlist.getByRole('button', { name: /^GLBX/ }).click();
    const quote = region.getByRole('region', { name: 'GLBX · Globex' });
    const chart = quote.getByRole('figure', { name: /^Price of GLBX from/ });
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(region.getByRole('combobox', { name: 'Asset', exact: true })).toHaveValue('GLBX');
    for (const part of [
      quote.getByText('Last price'),
      quote.getByText('Daily change', { exact: true }),
      quote.getByText('Day high', { exact: true }),
      quote.getByText('Day low', { exact: true }),
      chart,
      watchlist,
      region.getByRole('form', { name: 'Order ticket' }),
      region.getByRole('button', { name: 'Place order' }),
      region.getByRole('table', { name: 'Recent orders' }).getByRole('row').nth(1),
    ])
      await expect(part).toBeInViewport();
    // The market ticks every second: the last price follows without a reload.
    const figure = (label: string) =>
      quote.getByText(label, { exact: true }).locator('xpath=following-sibling::dd');
    const last = figure('Last price');
    const before = await last.textContent();
    await expect(last).not.toHaveText(before ?? '', { timeout: 30_000 });
    // The daily change is signed and coloured, its direction in words; the day's range holds the
    // last price; ticks move the change too.
    const daily = figure('Daily change');
    await expect(daily).toHaveText(/^([+-]\d+\.\d+% \((up|down)\)|0% \(unchanged\))$/);
    await expect(daily.locator('.sb-gain, .sb-loss')).toHaveCount(
      /unchanged/.test((await daily.textContent()) ?? '') ? 0 : 1,
    );
    const amount = async (label: string) =>
      Number(((await figure(label).textContent()) ?? '').replace(/[^\d.]/g, ''));
    const [high, low] = [await amount('Day high'), await amount('Day low')];
    expect(low).toBeLessThanOrEqual(high);
    const changeBefore = await daily.textContent();
    await expect(daily).not.toHaveText(changeBefore ?? '', { timeout: 30_000 });
    await pageIsNotWiderThanTheScreen(page, '/trade');
  });

  test('keyboard only: choose, review and place an order, and see it without scrolling', async ({ page }) => {
    await logIn(page, 'alice');
    await open(page, '/trade');
    const region = fragmentRegion(page, 'Orders');
    await page.locator('body').focus();
    await tabTo(
      page,
      region.getByRole('region', { name: 'Watchlist' }).getByRole('button', { name: /^ACME/ }),
    );
    await page.keyboard.press('Enter');
    await expect(region.getByRole('combobox', { name: 'Asset', exact: true })).toHaveValue('ACME');
    await tabTo(page, region.getByRole('radio', { name: 'Buy' }));
    await page.keyboard.press('Space');
    await expect(region.getByRole('radio', { name: 'Buy' })).toBeChecked();
    await tabTo(page, region.getByRole('radio', { name: 'Market' }));
    await page.keyboard.press('Space');
    await tabTo(page, region.getByRole('textbox', { name: 'Quantity' }));
    await page.keyboard.type('2');
    await tabTo(page, region.getByRole('button', { name: 'Place order' }));
    await page.keyboard.press('Enter');

    // The review takes the focus; Escape goes back to the ticket with the draft as it was.
    const review = orderReview(page);
    await expect(review).toBeVisible();
    await expect(review).toContainText('Buy 2 ACME');
    await expect(review.getByRole('button', { name: 'Confirm order' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(review).toBeHidden();
    await expect(region.getByRole('button', { name: 'Place order' })).toBeFocused();
    await expect(region.getByRole('textbox', { name: 'Quantity' })).toHaveValue('2');

    await page.keyboard.press('Enter');
    await expect(review.getByRole('button', { name: 'Confirm order' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(review).toBeHidden();
    const row = recentRow(region, 'Buy 2 ACME').first();
    await expect(row).toBeVisible();
    await expect(row).toBeInViewport();
    await expect(row.getByText('Completed')).toBeVisible({ timeout: 30_000 });
  });

  test('Cancel order asks first; Keep order keeps it, Cancel order cancels it', async ({ page }) => {
    await logIn(page, 'alice');
    await open(page, '/trade');
    const region = fragmentRegion(page, 'Orders');
    await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('GLBX');
    await region.getByRole('radio', { name: 'Buy' }).check();
    await region.getByRole('radio', { name: 'Limit' }).check();
    await region.getByRole('textbox', { name: 'Quantity' }).fill('7');
    // Far below the market: the order waits there, cancellable.
    await region.getByRole('textbox', { name: 'Limit price' }).fill('10');
    await region.getByRole('button', { name: 'Place order' }).click();
    await expect(orderReview(page).getByText('Limit price')).toBeVisible();
    await confirmOrder(page);
    const row = recentRow(region, 'Buy 7 GLBX').first();
    await expect(row.getByText('Placed')).toBeVisible({ timeout: 30_000 });

    await row.getByRole('button', { name: 'Cancel Buy 7 GLBX' }).click();
    const question = page.getByRole('alertdialog', { name: 'Cancel Buy 7 GLBX?' });
    await expect(question).toContainText('cannot be reopened');
    const axe = await new AxeBuilder({ page }).include('[role="alertdialog"]').analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    await question.getByRole('button', { name: 'Keep order' }).click();
    await expect(question).toBeHidden();
    await expect(row.getByText('Placed')).toBeVisible();

    await row.getByRole('button', { name: 'Cancel Buy 7 GLBX' }).click();
    await confirmAlert(page, 'Cancel order');
    await expect(region.getByText('Buy 7 GLBX: cancel accepted.')).toBeVisible();
    await expect(row.getByText('Cancelled')).toBeVisible({ timeout: 30_000 });
    // One status word, not the service's raw reason under it.
    await expect(row).not.toContainText(/CANCELL?ED/);
  });

  test('the order review passes axe', async ({ page }) => {
    await logIn(page, 'alice');
    await open(page, '/trade');
    const region = fragmentRegion(page, 'Orders');
    await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('ACME');
    await region.getByRole('radio', { name: 'Buy' }).check();
    await region.getByRole('textbox', { name: 'Quantity' }).fill('1');
    await region.getByRole('button', { name: 'Place order' }).click();
    await expect(orderReview(page)).toBeVisible();
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length})`);
    expect(bad).toEqual([]);
    await orderReview(page).getByRole('button', { name: 'Edit order' }).click();
  });

  test('admin: Retire says what is invested and what investors keep, and Cancel leaves it published', async ({
    page,
  }) => {
    await logIn(page, 'admin');
    await open(page, '/admin/strategies');
    const region = fragmentRegion(page, 'Strategies');
    const retire = region
      .getByRole('table', { name: 'Published' })
      .getByRole('button', { name: /^Retire / })
      .first();
    const name = (await retire.getAttribute('aria-label'))!.replace(/^Retire /, '');
    await retire.click();
    const question = page.getByRole('alertdialog', { name: `Retire ${name}?` });
    await expect(question).toHaveAccessibleDescription(
      new RegExp(
        `^\\$[\\d,]+\\.\\d{2} is invested in ${name}\\. Once retired, customers can no longer invest in it`,
      ),
    );
    await expect(question).toContainText('Its investors keep what they hold');
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('[role="alertdialog"]').analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(region.getByRole('table', { name: 'Published' })).toContainText(name);
  });

  test('admin: Publish says customers see it at once; Cancel leaves a draft, Publish strategy publishes', async ({
    page,
  }) => {
    await logIn(page, 'admin');
    const name = `Confirmed ${Date.now()}`;
    const created = await page.request.post('/api/strategies', {
      headers: { 'X-CSRF-Protection': '1' },
      data: {
        name,
        description: 'All in Acme.',
        riskLevel: 'high',
        timeHorizon: '5+ years',
        allocations: [{ assetId: 'ACME', percentage: '100' }],
      },
    });
    expect(created.status()).toBe(201);
    await open(page, '/admin/strategies');
    const region = fragmentRegion(page, 'Strategies');
    const drafts = region.getByRole('table', { name: 'Drafts' });
    const published = region.getByRole('table', { name: 'Published' });
    await drafts.getByRole('button', { name: `Publish ${name}` }).click();
    const question = page.getByRole('alertdialog', { name: `Publish ${name}?` });
    await expect(question).toHaveAccessibleDescription(
      `Every customer will see ${name} and can invest in it at once. Once published it can no longer be edited, only retired.`,
    );
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(drafts.getByRole('rowheader', { name })).toBeVisible();
    await expect(published.getByRole('rowheader', { name })).toHaveCount(0);
    // Nothing was sent: after a reload it is still a draft.
    await open(page, '/admin/strategies');
    await expect(drafts.getByRole('rowheader', { name })).toBeVisible();

    await drafts.getByRole('button', { name: `Publish ${name}` }).click();
    await confirmAlert(page, 'Publish strategy');
    await expect(published.getByRole('rowheader', { name })).toBeVisible();
    await open(page, '/admin/strategies');
    await expect(published.getByRole('rowheader', { name })).toBeVisible();
  });

  test("admin: a flag's audience asks first; Cancel puts the dropdown back and changes nothing", async ({
    page,
  }) => {
    await logIn(page, 'admin');
    await open(page, '/admin/flags');
    const region = fragmentRegion(page, 'Admin');
    const audience = region.getByRole('combobox', { name: 'Audience of strategies.invest' });
    const before = await audience.inputValue();
    const other = before === 'admin' ? 'Customers only' : 'Admins only';
    const flagsNow = async () => (await (await page.request.get('/api/admin/flags')).json()) as unknown;
    const stored = await flagsNow();
    await audience.selectOption({ label: other });
    const question = page.getByRole('alertdialog', { name: 'Change who gets strategies.invest?' });
    await expect(question).toHaveAccessibleDescription(new RegExp(`^From .+ to ${other}\\. `));
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(audience).toHaveValue(before);
    expect(await flagsNow()).toEqual(stored);

    // Confirmed, it changes; and back, confirmed again.
    await audience.selectOption({ label: other });
    await confirmAlert(page, 'Change audience');
    await expect(question).toBeHidden();
    await expect(audience).toHaveValue(other === 'Admins only' ? 'admin' : 'customer');
    await open(page, '/admin/flags');
    await expect(audience).toHaveValue(other === 'Admins only' ? 'admin' : 'customer');
    await audience.selectOption(before);
    await confirmAlert(page, 'Change audience');
    await expect(question).toBeHidden();
    await expect(audience).toHaveValue(before);
  });
});

test.describe('the trade screen on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('stacks quote and chart, ticket, recent orders and watchlist, without sideways scrolling', async ({
    page,
  }) => {
    await logIn(page, 'alice');
    await open(page, '/trade');
    const region = fragmentRegion(page, 'Orders');
    const parts = [
      region.getByRole('figure', { name: /^Price of / }),
      region.getByRole('form', { name: 'Order ticket' }),
      // The card: its table may be wider and scroll inside it.
      region.getByRole('region', { name: 'Your recent orders' }),
      region.getByRole('region', { name: 'Watchlist' }),
    ];
    const boxes = [];
    for (const part of parts) {
      await expect(part).toBeVisible();
      boxes.push((await part.boundingBox())!);
    }
    for (let i = 1; i < boxes.length; i += 1) expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y);
    for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(390);
    await pageIsNotWiderThanTheScreen(page, '/trade');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trade-stacked-390.png'), fullPage: true });
  });
});

for (const width of [1440, 390]) {
  test.describe(`axe and screenshots at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    for (const who of ['alice', 'admin'] as const) {
      test(`no serious or critical axe violation on any page of ${who}`, async ({ page }) => {
        test.setTimeout(240_000);
        await logIn(page, who);
        for (const url of who === 'alice' ? CUSTOMER_PAGES : ADMIN_PAGES) {
          await open(page, url);
          const result = await new AxeBuilder({ page }).analyze();
          const bad = result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${url}: ${v.id} (${v.nodes.length})`);
          expect(bad).toEqual([]);
        }
      });
    }

    test('screenshots of /trade, /portfolio, /strategies and /admin, light and dark', async ({ browser }) => {
      test.setTimeout(240_000);
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        for (const [who, urls] of [
          ['alice', ['/trade', '/portfolio', '/strategies']],
          ['admin', ['/admin']],
        ] as const) {
          await logIn(page, who);
          for (const url of urls) {
            await open(page, url);
            await page.screenshot({
              path: path.join(SCREENSHOTS, `${url.slice(1)}-${width}-${colorScheme}.png`),
              fullPage: true,
            });
          }
          await logOut(page);
        }
        await context.close();
      }
    });
  });
}
