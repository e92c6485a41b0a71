// Issue 6: admins design and publish strategies; customers see them live and invest in them.
import type { APIRequestContext, Page } from '@playwright/test';
import { confirmAlert, expect, fragmentRegion, logIn, test } from '../support/product';

test.describe.configure({ mode: 'serial' });

const CSRF = { 'X-CSRF-Protection': '1' };

async function setInvestFlag(request: APIRequestContext, on: boolean) {
  const response = await request.put('/api/admin/flags', {
    headers: CSRF,
    data: { flags: { 'strategies.invest': on } },
  });
  expect(response.status()).toBe(200);
}

/** Fills allocation line `n` (1-based), adding a line when the form has fewer. */
async function fillLine(page: Page, n: number, assetId: string, percentage: string) {
  const region = fragmentRegion(page, 'Strategies');
  if ((await region.getByLabel(`Asset ${n}`, { exact: true }).count()) === 0) {
    await region.getByRole('button', { name: 'Add asset' }).click();
  }
  await region.getByLabel(`Asset ${n}`, { exact: true }).selectOption(assetId);
  await region.getByLabel(`Percentage ${n}`, { exact: true }).fill(percentage);
}

async function quantityOf(request: APIRequestContext, accountId: string, assetId: string) {
  const response = await request.get('/api/portfolio');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    holdings: { accountId: string; assetId: string; quantity: string }[];
  };
  return Number(
    body.holdings.find((h) => h.accountId === accountId && h.assetId === assetId)?.quantity ?? '0',
  );
}

test('an admin publishes a 60/40 strategy; alice sees it live, invests 1,000 and follows both orders to completion', async ({
  page,
  browser,
}) => {
  const name = `Sixty Forty ${Date.now()}`;

  // Alice is on the strategies page before the strategy exists.
  const alice = await browser.newPage();
  await logIn(alice, 'alice');
  await alice.getByRole('link', { name: 'Strategies' }).click();
  const aliceStrategies = fragmentRegion(alice, 'Strategies');
  await expect(aliceStrategies.getByRole('heading', { name: 'Investment strategies' })).toBeVisible();
  const initBefore = await quantityOf(alice.request, 'a-alice-1', 'INIT');
  const hoolBefore = await quantityOf(alice.request, 'a-alice-1', 'HOOL');

  await logIn(page, 'admin');
  await setInvestFlag(page.request, true);
  await page.getByRole('link', { name: 'Manage strategies' }).click();
  const admin = fragmentRegion(page, 'Strategies');
  await admin.getByRole('link', { name: 'New strategy' }).click();
  await admin.getByLabel('Name').fill(name);
  await admin.getByLabel('Description').fill('Initech for growth, Hooli for balance.');
  await admin.getByLabel('Risk level').selectOption('medium');
  await admin.getByLabel('Time horizon').fill('5+ years');
  await fillLine(page, 1, 'INIT', '60');
  await expect(admin.getByRole('status', { name: 'Allocation total' })).toHaveText('Total 60% of 100%');
  await fillLine(page, 2, 'HOOL', '40');
  await expect(admin.getByRole('status', { name: 'Allocation total' })).toHaveText('Total 100% of 100%');
  await admin.getByRole('button', { name: 'Save draft' }).click();

  const drafts = admin.getByRole('table', { name: 'Drafts' });
  await expect(drafts.getByRole('rowheader', { name })).toBeVisible();
  await admin.getByRole('button', { name: `Publish ${name}` }).click();
  await confirmAlert(page, 'Publish strategy');
  await expect(
    admin.getByRole('table', { name: 'Published' }).getByRole('rowheader', { name }),
  ).toBeVisible();
  await expect(drafts.getByRole('rowheader', { name })).toHaveCount(0);

  // Pushed to alice's open page: no reload.
  const card = aliceStrategies.getByRole('region', { name });
  await expect(card).toBeVisible();
  await expect(card.getByRole('list', { name: `Allocations of ${name}` }).getByRole('listitem')).toHaveText([
    /INIT.*60%/,
    /HOOL.*40%/,
  ]);

  await card.getByRole('link', { name: `Invest in ${name}` }).click();
  await aliceStrategies.getByLabel('Account').selectOption('a-alice-1');
  await aliceStrategies.getByLabel('Amount').fill('1000');
  const planned = aliceStrategies.getByRole('table', { name: 'Orders to be placed' });
  await expect(planned.getByRole('row', { name: /INIT/ })).toContainText('$600.00');
  await expect(planned.getByRole('row', { name: /HOOL/ })).toContainText('$400.00');
  await expect(aliceStrategies.getByText('Total from your account')).toBeVisible();
  await aliceStrategies.getByRole('button', { name: 'Confirm investment' }).click();

  await expect(aliceStrategies.getByRole('heading', { name: `Investment in ${name}` })).toBeVisible();
  const orders = aliceStrategies.getByRole('table', { name: 'Orders' });
  const init = orders.getByRole('row', { name: /INIT/ });
  const hool = orders.getByRole('row', { name: /HOOL/ });
  await expect(init).toContainText('$600.00');
  await expect(hool).toContainText('$400.00');
  await expect(init).toContainText('Completed');
  await expect(hool).toContainText('Completed');
  await expect(aliceStrategies.getByRole('status', { name: 'Investment status' })).toHaveText('Completed');

  // Her holdings grew by what the two orders bought, shown on the page from the portfolio.
  const holdings = aliceStrategies.getByRole('table', { name: 'Your holdings in Alice Brokerage' });
  await expect(holdings.getByRole('rowheader', { name: 'INIT' })).toBeVisible();
  await expect(holdings.getByRole('rowheader', { name: 'HOOL' })).toBeVisible();
  expect(await quantityOf(alice.request, 'a-alice-1', 'INIT')).toBeGreaterThan(initBefore);
  expect(await quantityOf(alice.request, 'a-alice-1', 'HOOL')).toBeGreaterThan(hoolBefore);
  await alice.close();
});

test('allocations summing to 99, a duplicate asset or a 0% line are refused in the form and by the API', async ({
  page,
}) => {
  await logIn(page, 'admin');
  await page.goto('/admin/strategies/new');
  const form = fragmentRegion(page, 'Strategies');
  await form.getByLabel('Name').fill('Broken rules');
  await form.getByLabel('Risk level').selectOption('low');
  await form.getByLabel('Time horizon').fill('3+ years');
  await fillLine(page, 1, 'INIT', '60');
  await fillLine(page, 2, 'HOOL', '39');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'The percentages add up to 99%; they must add up to exactly 100%.',
  );

  await fillLine(page, 2, 'INIT', '40');
  await expect(form.getByLabel('Asset 2', { exact: true })).toHaveAccessibleDescription(
    'This asset is already in the strategy.',
  );

  await fillLine(page, 2, 'HOOL', '40');
  await fillLine(page, 3, 'GLBX', '0');
  await expect(form.getByLabel('Percentage 3', { exact: true })).toHaveAccessibleDescription(
    'Must be more than 0%.',
  );
  await form.getByRole('button', { name: 'Save draft' }).click();
  // Still on the form: nothing was sent.
  await expect(form.getByRole('heading', { name: 'New strategy' })).toBeVisible();

  const base = { name: 'Broken rules', description: '', riskLevel: 'low', timeHorizon: '3+ years' };
  const attempts = [
    [
      { assetId: 'INIT', percentage: '60' },
      { assetId: 'HOOL', percentage: '39' },
    ],
    [
      { assetId: 'INIT', percentage: '60' },
      { assetId: 'INIT', percentage: '40' },
    ],
    [
      { assetId: 'INIT', percentage: '60' },
      { assetId: 'HOOL', percentage: '40' },
      { assetId: 'GLBX', percentage: '0' },
    ],
  ];
  const fields: unknown[] = [];
  for (const allocations of attempts) {
    const response = await page.request.post('/api/strategies', {
      headers: CSRF,
      data: { ...base, allocations },
    });
    expect(response.status(), JSON.stringify(allocations)).toBe(422);
    fields.push(
      ((await response.json()) as { error: { fields: { field: string }[] } }).error.fields.map(
        (f) => f.field,
      ),
    );
  }
  // Each refusal names the field it concerns, as the form does.
  expect(fields).toEqual([
    ['body.allocations'],
    ['body.allocations.1.assetId'],
    ['body.allocations.2.percentage'],
  ]);
});

test('customers never see admin screens: a direct URL says not allowed, and the API answers 403', async ({
  page,
}) => {
  await logIn(page, 'alice');
  await expect(page.getByRole('link', { name: 'Manage strategies' })).toHaveCount(0);
  await page.goto('/admin/strategies/new');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  const create = await page.request.post('/api/strategies', {
    headers: CSRF,
    data: {
      name: 'Mine',
      description: '',
      riskLevel: 'low',
      timeHorizon: '1 year',
      allocations: [{ assetId: 'INIT', percentage: '100' }],
    },
  });
  expect(create.status()).toBe(403);
  expect((await page.request.get('/api/strategies?status=draft')).status()).toBe(403);
});
