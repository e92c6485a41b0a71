// Issue 2: the shell discovers fragments from the registry, survives a dead remote, and each team
// deploys, rolls back and canaries its own fragment without touching anyone else's files.
import path from 'node:path';
import {
  activeVersion,
  expect,
  fragmentCommand,
  fragmentSnapshot,
  fragmentRegion,
  logIn,
  registryState,
  renderedVersion,
  repoRoot,
  snapshotFiles,
  test,
} from '../support/product';

test.describe.configure({ mode: 'serial' });

test('the shell loads all three fragments through the registry', async ({ page, browser }) => {
  const manifests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/mf-manifest.json')) manifests.push(new URL(request.url()).pathname);
  });

  await logIn(page, 'alice');
  await page.getByRole('link', { name: 'Trade' }).click();
  await expect(fragmentRegion(page, 'Orders')).toBeVisible();
  expect(await renderedVersion(page, 'Orders')).toBe(await activeVersion('orders'));

  await page.getByRole('link', { name: 'Strategies' }).click();
  await expect(fragmentRegion(page, 'Strategies')).toBeVisible();
  expect(await renderedVersion(page, 'Strategies')).toBe(await activeVersion('strategies'));

  const adminPage = await browser.newPage();
  await logIn(adminPage, 'admin');
  await adminPage.getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(fragmentRegion(adminPage, 'Admin')).toBeVisible();
  expect(await renderedVersion(adminPage, 'Admin')).toBe(await activeVersion('admin'));
  await adminPage.close();

  expect(manifests).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^\/fragments\/orders\/[^/]+\/mf-manifest\.json$/),
      expect.stringMatching(/^\/fragments\/strategies\/[^/]+\/mf-manifest\.json$/),
    ]),
  );
});

test('react-dom and the federation runtime are downloaded once across the shell and its fragments', async ({
  page,
}) => {
  const scripts: { url: string; body: string }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push({ url: response.url(), body: await response.text().catch(() => '') });
  });
  await logIn(page, 'alice');
  await page.getByRole('link', { name: 'Trade' }).click();
  await expect(fragmentRegion(page, 'Orders')).toBeVisible();
  await page.getByRole('link', { name: 'Strategies' }).click();
  await expect(fragmentRegion(page, 'Strategies')).toBeVisible();

  // Only react-dom's renderer tags DOM nodes with its fiber key, so each copy of it carries this string.
  const reactDomCopies = scripts.filter((s) => s.body.includes('__reactFiber$'));
  expect(reactDomCopies.map((s) => s.url)).toHaveLength(1);

  // The module federation runtime, likewise: the fragments use the shell's copy.
  const runtimeCopies = scripts.filter((s) => new Set(s.body.match(/RUNTIME-0\d\d/g) ?? []).size >= 5);
  expect(runtimeCopies.map((s) => s.url)).toHaveLength(1);
});

test('an unreachable fragment shows its fallback while the others work, and recovers', async ({
  page,
  allowPageErrors,
}) => {
  allowPageErrors(/orders|fragment|remote|Failed to fetch|manifest|RUNTIME-0/i);
  await page.route('**/fragments/orders/**', (route) => route.abort('connectionrefused'));

  await logIn(page, 'alice');
  await page.goto('/trade');
  const orders = fragmentRegion(page, 'Orders');
  await expect(orders.getByText(/orders is unavailable/i)).toBeVisible();
  await expect(orders.getByRole('button', { name: /retry/i })).toBeVisible();

  // The rest of the shell keeps working.
  await page.getByRole('link', { name: 'Strategies' }).click();
  await expect(fragmentRegion(page, 'Strategies')).toBeVisible();
  await expect(fragmentRegion(page, 'Strategies').getByRole('heading').first()).toBeVisible();

  await page.getByRole('link', { name: 'Trade' }).click();
  await expect(fragmentRegion(page, 'Orders').getByText(/orders is unavailable/i)).toBeVisible();

  // The remote comes back: the slot recovers by itself (backoff) or at once with Retry.
  await page.unroute('**/fragments/orders/**');
  await fragmentRegion(page, 'Orders').getByRole('button', { name: /retry/i }).click();
  await expect(fragmentRegion(page, 'Orders')).toHaveAttribute('data-fragment-version', /.+/);
  await expect(fragmentRegion(page, 'Orders').getByText(/orders is unavailable/i)).toHaveCount(0);
});

test('a dead remote at start-up does not blank the shell', async ({ page, allowPageErrors }) => {
  allowPageErrors(/orders|fragment|remote|Failed to fetch|manifest|RUNTIME-0/i);
  await logIn(page, 'alice');
  await page.route('**/fragments/orders/**', (route) => route.abort('connectionrefused'));
  await page.goto('/trade');
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(fragmentRegion(page, 'Orders').getByText(/orders is unavailable/i)).toBeVisible();
  await page.unroute('**/fragments/orders/**');
});

test.describe('independent deploy of one fragment', () => {
  let before: string;

  test('deploying orders renders the new version and leaves every other file untouched', async ({ page }) => {
    test.setTimeout(300_000);
    before = (await activeVersion('orders'))!;
    const untouched = {
      shell: snapshotFiles(path.join(repoRoot, 'apps/shell/dist')),
      strategies: await fragmentSnapshot('strategies'),
      admin: await fragmentSnapshot('admin'),
    };

    await logIn(page, 'alice');
    await page.goto('/trade');
    expect(await renderedVersion(page, 'Orders')).toBe(before);

    const output = await fragmentCommand('orders-mfe', 'deploy', [], `e2e deploy ${Date.now()}`);
    const after = await activeVersion('orders');
    expect(after, output).not.toBe(before);

    await page.reload();
    expect(await renderedVersion(page, 'Orders')).toBe(after);
    expect(await renderedVersion(page, 'Orders')).not.toBe(before);

    expect(snapshotFiles(path.join(repoRoot, 'apps/shell/dist'))).toEqual(untouched.shell);
    expect(await fragmentSnapshot('strategies')).toEqual(untouched.strategies);
    expect(await fragmentSnapshot('admin')).toEqual(untouched.admin);
  });

  test('rollback restores the previous version', async ({ page }) => {
    test.setTimeout(120_000);
    await fragmentCommand('orders-mfe', 'rollback');
    expect(await activeVersion('orders')).toBe(before);
    await logIn(page, 'alice');
    await page.goto('/trade');
    expect(await renderedVersion(page, 'Orders')).toBe(before);
  });

  test('with a 50% canary each user keeps seeing the same version across reloads', async ({ browser }) => {
    test.setTimeout(300_000);
    await fragmentCommand('orders-mfe', 'deploy', ['--canary', '50'], `e2e canary ${Date.now()}`);
    const record = (await registryState()).find((r) => r.name === 'orders')!;
    expect(record.canary?.percent).toBe(50);
    expect(record.active).toBe(before);

    for (const user of ['alice', 'bob'] as const) {
      const page = await browser.newPage();
      await logIn(page, user);
      await page.goto('/trade');
      const first = await renderedVersion(page, 'Orders');
      expect([record.active, record.canary!.version]).toContain(first);
      for (let reload = 0; reload < 3; reload++) {
        await page.reload();
        expect(await renderedVersion(page, 'Orders')).toBe(first);
      }
      await page.close();
    }
  });
});
