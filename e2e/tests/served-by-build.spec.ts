// Issue 14, "which build did this customer see?": the shell reports the fragment builds it loaded
// with the session, the BFF records them with the order's placement, and the admin console shows
// them on the order's timeline and the user's page.
import {
  confirmOrder,
  deployToken,
  expect,
  fragmentCommand,
  fragmentRegion,
  logIn,
  productUrl,
  registryState,
  renderedVersion,
  test,
} from '../support/product';

test('an order placed from a canary build of the orders fragment shows that build to the admin', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // 90%: alice's sticky bucket for `orders` is below it (bff/src/registry/canary.ts), bob's is not.
  await fragmentCommand('orders-mfe', 'deploy', ['--canary', '90'], `e2e served by ${Date.now()}`);
  const canary = (await registryState()).find((r) => r.name === 'orders')!.canary!.version;
  try {
    const alice = await browser.newPage();
    // Listened for before the login: the orders fragment also serves the page the login lands on
    // (/portfolio), and the shell reports its build as soon as it mounts there, which can be before
    // logIn returns (seen on a loaded machine: the report went out first and was never heard).
    const reported = alice.waitForRequest(
      (r) => r.method() === 'PUT' && new URL(r.url()).pathname === '/api/session/builds',
    );
    await logIn(alice, 'alice');
    await alice.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
    expect(await renderedVersion(alice, 'Orders')).toBe(canary);
    expect((await reported).postDataJSON()).toEqual({
      fragments: [{ name: 'orders', version: canary, canary: true }],
    });

    // The customer places an order from the canary build's ticket.
    const region = fragmentRegion(alice, 'Orders');
    await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
    await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('ACME');
    await region.getByRole('radio', { name: 'Buy' }).check();
    await region.getByRole('textbox', { name: 'Quantity' }).fill('1');
    const placed = alice.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/orders',
    );
    await region.getByRole('button', { name: 'Place order' }).click();
    await confirmOrder(alice);
    const response = await placed;
    expect(response.status(), await response.text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await alice.close();

    // The admin opens the order's timeline: it was served by the canary build.
    const admin = await browser.newPage();
    await logIn(admin, 'admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All orders' }).click();
    const console = fragmentRegion(admin, 'Admin');
    await console.getByRole('button', { name: `Show timeline of order ${id}` }).click();
    await expect(
      console.getByRole('list', { name: `Builds that served order ${id}` }).getByRole('listitem'),
    ).toHaveText([`orders ${canary} canary`]);

    // And alice's page says which builds her sessions loaded.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await console.getByRole('button', { name: 'Builds seen by Alice' }).click();
    await expect(console.getByRole('region', { name: 'Builds of Alice' }).first()).toContainText(
      `orders ${canary} canary`,
    );
    await admin.close();
  } finally {
    // Everyone back on the active version for the specs that follow.
    const cleared = await fetch(`${productUrl}/api/admin/fragments/orders/canary`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${deployToken()}` },
    });
    expect(cleared.status).toBe(200);
  }
});
