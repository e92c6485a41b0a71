// Issue 14: one trace from the click to the fill. A product of its own, started with tracing on
// (the shared one runs with tracing off), sends its spans to a stand-in OTLP collector; the
// customer's click on "Place order" starts a browser span whose trace holds the BFF, the services,
// the saga and the push.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO, confirmOrder, expect, fragmentRegion, repoRoot, test } from '../support/product';

interface Span {
  service: string;
  name: string;
  traceId: string;
  attributes: Record<string, unknown>;
}

/** The spans in an OTLP/HTTP JSON export, flattened. */
function spansOf(body: string): Span[] {
  type Attribute = { key: string; value: Record<string, unknown> };
  const request = JSON.parse(body) as {
    resourceSpans: {
      resource: { attributes: Attribute[] };
      scopeSpans: { spans: { name: string; traceId: string; attributes?: Attribute[] }[] }[];
    }[];
  };
  const values = (attributes: Attribute[] = []) =>
    Object.fromEntries(attributes.map((a) => [a.key, Object.values(a.value)[0]]));
  return request.resourceSpans.flatMap((resource) =>
    resource.scopeSpans.flatMap((scope) =>
      scope.spans.map((span) => ({
        service: String(values(resource.resource.attributes)['service.name']),
        name: span.name,
        traceId: span.traceId,
        attributes: values(span.attributes),
      })),
    ),
  );
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

test.describe.configure({ mode: 'serial' });

let collector: Server;
let product: ChildProcess;
let productUrl: string;
const collected: Span[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      collected.push(...spansOf(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  productUrl = `http://localhost:${port}`;
  product = spawn('node', [path.join(repoRoot, 'scripts', 'start.mjs')], {
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      SIMPLEBANK_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'simplebank-e2e-traced-')),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      LOG_LEVEL: 'warn',
    },
  });
  await expect
    .poll(
      () =>
        fetch(`${productUrl}/api/health/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      {
        timeout: 200_000,
        intervals: [1000],
      },
    )
    .toBe(200);
});

test.afterAll(async () => {
  product?.kill('SIGTERM');
  collector?.close();
});

test('the click that confirms an order starts its trace, through the services to the push', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`${productUrl}/login`);
  await page.getByLabel('Username').fill(DEMO.alice.username);
  await page.getByLabel('Password').fill(DEMO.alice.password);
  await page.getByRole('button', { name: /log in/i }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
  const region = fragmentRegion(page, 'Orders');
  await region.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Alice Brokerage (USD)' });
  await region.getByRole('combobox', { name: 'Asset', exact: true }).selectOption('ACME');
  await region.getByRole('radio', { name: 'Buy' }).check();
  await region.getByRole('textbox', { name: 'Quantity' }).fill('1');
  const placed = page.waitForRequest(
    (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/orders',
  );
  await region.getByRole('button', { name: 'Place order' }).click();
  await confirmOrder(page);
  // The browser's fetch carries its trace to the BFF.
  const traceparent = (await placed).headers()['traceparent'];
  expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  const traceId = traceparent!.split('-')[1]!;
  await expect(region.getByText('Completed').first()).toBeVisible({ timeout: 30_000 });

  // Both sides export in batches (every few seconds): wait until the whole trace has arrived.
  const inTrace = () => collected.filter((s) => s.traceId === traceId);
  const has = (predicate: (s: Span) => boolean) => inTrace().some(predicate);
  await expect
    .poll(
      () => ({
        browser: has((s) => s.service === 'simplebank-shell' && s.name === 'HTTP POST'),
        bff: has(
          (s) => s.attributes['simplebank.service'] === 'bff' && s.attributes['http.route'] === '/api/orders',
        ),
        orders: has((s) => s.attributes['simplebank.service'] === 'orders'),
        accounts: has((s) => s.name === 'process cmd.accounts.Reserve'),
        market: has((s) => s.name === 'process cmd.market.PlaceOrder'),
        saga: has((s) => s.attributes['orders.saga.step'] === 'settling'),
        sql: has((s) => s.attributes['db.system.name'] === 'postgresql'),
        push: has((s) => s.name === 'push evt.orders.OrderViewUpdated'),
      }),
      { timeout: 60_000, intervals: [1000] },
    )
    .toEqual({
      browser: true,
      bff: true,
      orders: true,
      accounts: true,
      market: true,
      saga: true,
      sql: true,
      push: true,
    });
  // The browser's span says which builds the customer ran.
  const click = inTrace().find((s) => s.service === 'simplebank-shell')!;
  expect(click.attributes['simplebank.fragment.orders.version']).toMatch(/^\d+\.\d+\.\d+/);
  expect(click.attributes['simplebank.fragment.orders.canary']).toBe(false);
  // And the page load was traced too.
  expect(collected.some((s) => s.service === 'simplebank-shell' && s.name === 'documentLoad')).toBe(true);
});
