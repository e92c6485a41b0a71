// Issue 7: the admin console watches orders live, rolls fragments back from the UI, toggles
// flags that open customer pages follow without a reload, and audits role changes.
import type { Page } from '@playwright/test';
import {
  activeVersion,
  confirmAlert,
  expect,
  fragmentCommand,
  fragmentRegion,
  logIn,
  renderedVersion,
  test,
} from '../support/product';

test.describe.configure({ mode: 'serial' });

/** The admin's page opened at an admin screen through the shell's navigation. */
async function openAdminScreen(page: Page, link: string, heading: string) {
  await logIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  const admin = fragmentRegion(page, 'Admin');
  await expect(admin.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  return admin;
}

test("a customer's new order appears in the admin orders list live", async ({ browser }) => {
  const adminPage = await browser.newPage();
  const admin = await openAdminScreen(adminPage, 'All orders', 'Orders');
  const orders = admin.getByRole('table', { name: 'All orders' });
  await expect(orders).toBeVisible();

  const alice = await browser.newPage();
  await logIn(alice, 'alice');
  // The customer's own order command, sent from their session the way the orders fragment sends it.
  const placed = await alice.request.post('/api/orders', {
    headers: { 'X-CSRF-Protection': '1', 'Idempotency-Key': `e2e-admin-${Date.now()}` },
    data: { accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', type: 'market', quantity: '1' },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const { id } = (await placed.json()) as { id: string };

  // No reload: the read model's push reaches the admins' room.
  await expect(orders.getByRole('rowheader', { name: id })).toBeVisible();
  await admin.getByRole('button', { name: `Show timeline of order ${id}` }).click();
  await expect(
    admin
      .getByRole('list', { name: `Saga log of order ${id}` })
      .getByRole('listitem')
      .first(),
  ).toBeVisible();
  await alice.close();
  await adminPage.close();
});

test('a rollback from the UI changes the fragment version a customer gets on the next reload', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const before = (await activeVersion('strategies'))!;
  const adminPage = await browser.newPage();
  const admin = await openAdminScreen(adminPage, 'Deployments', 'Fragment deployments');
  const strategies = admin.getByRole('region', { name: 'strategies' });
  const activeStat = strategies.getByRole('definition').first();
  await expect(activeStat).toHaveText(before);

  // The strategies team deploys a new version with its own command; the admin page follows live.
  const output = await fragmentCommand('strategies-mfe', 'deploy', [], `e2e admin rollback ${Date.now()}`);
  const deployed = (await activeVersion('strategies'))!;
  expect(deployed, output).not.toBe(before);
  await expect(activeStat).toHaveText(deployed);

  const alice = await browser.newPage();
  await logIn(alice, 'alice');
  await alice.goto('/strategies');
  expect(await renderedVersion(alice, 'Strategies')).toBe(deployed);

  await strategies.getByRole('button', { name: 'Roll back strategies' }).click();
  const confirm = strategies.getByRole('group', { name: 'Confirm change to strategies' });
  await expect(confirm).toContainText(`Roll back strategies from ${deployed}`);
  await confirm.getByRole('button', { name: 'Confirm roll back' }).click();
  await expect(strategies.getByText('strategies was rolled back.')).toBeVisible();
  await expect(activeStat).toHaveText(before);
  expect(await activeVersion('strategies')).toBe(before);

  await alice.reload();
  expect(await renderedVersion(alice, 'Strategies')).toBe(before);
  await alice.close();
  await adminPage.close();
});

test('turning orders.limitOrders off hides limit orders in an open customer tab without a reload', async ({
  browser,
}) => {
  const adminPage = await browser.newPage();
  const admin = await openAdminScreen(adminPage, 'Feature flags', 'Feature flags');
  const limitFlag = admin.getByRole('switch', { name: 'orders.limitOrders' });
  await expect(limitFlag).toBeEnabled();
  if (!(await limitFlag.isChecked())) {
    await limitFlag.click();
    await confirmAlert(adminPage, /^Turn (on|off)$/);
    await expect(limitFlag).toBeChecked();
  }

  const alice = await browser.newPage();
  await logIn(alice, 'alice');
  await alice.goto('/trade');
  const trade = fragmentRegion(alice, 'Orders');
  const limit = trade.getByRole('radio', { name: 'Limit' });
  await expect(limit).toBeVisible();
  let navigations = 0;
  alice.on('framenavigated', (frame) => {
    if (frame === alice.mainFrame()) navigations += 1;
  });

  await limitFlag.click();
  await confirmAlert(adminPage, /^Turn (on|off)$/);
  await expect(limitFlag).not.toBeChecked();
  await expect(limit).toHaveCount(0);
  await expect(trade.getByLabel('Quantity')).toBeVisible();
  expect(navigations).toBe(0);

  // And back on, still without a reload.
  await limitFlag.click();
  await confirmAlert(adminPage, /^Turn (on|off)$/);
  await expect(limit).toBeVisible();
  expect(navigations).toBe(0);

  // Targeted at admins only: on, yet off for the customer (each user gets their own evaluation).
  const audience = admin.getByRole('combobox', { name: 'Audience of orders.limitOrders' });
  await audience.selectOption({ label: 'Admins only' });
  await confirmAlert(adminPage, 'Change audience');
  await expect(limit).toHaveCount(0);
  await expect(limitFlag).toBeChecked();
  await audience.selectOption({ label: 'Everyone' });
  await confirmAlert(adminPage, 'Change audience');
  await expect(limit).toBeVisible();
  expect(navigations).toBe(0);
  await alice.close();
  await adminPage.close();
});

test('a role change is in the audit log', async ({ page }) => {
  const admin = await openAdminScreen(page, 'Users', 'Users and roles');
  // Bob's row, found by his username (display names are the BFF's own).
  const bob = () =>
    admin.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'bob', exact: true }) });
  const setBobAdmin = async (on: boolean) => {
    await bob()
      .getByRole('button', { name: /^Change roles of / })
      .click();
    const editor = admin.getByRole('group', { name: /^Roles of Bob/ });
    await editor.getByRole('checkbox', { name: 'Admin' }).setChecked(on);
    await admin.getByRole('button', { name: 'Save roles' }).click();
    await confirmAlert(page, 'Change roles');
    await expect(admin.getByText('Roles saved')).toBeVisible();
  };
  await setBobAdmin(true);
  await expect(bob()).toContainText('admin');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log', exact: true })
    .click();
  const search = admin.getByRole('form', { name: 'Search the audit log' });
  await search.getByLabel('Action').fill('user.roles');
  await search.getByRole('button', { name: 'Search' }).click();
  const entry = admin
    .getByRole('table', { name: 'Audit entries' })
    .getByRole('row')
    .filter({ hasText: 'user:u-bob' })
    .filter({ hasText: 'customer,admin' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('admin');
  await expect(entry).toContainText('Success');

  // Bob is a customer again, so other suites find the demo users as seeded.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Users', exact: true })
    .click();
  await setBobAdmin(false);
  await expect(bob()).not.toContainText('admin');
});
