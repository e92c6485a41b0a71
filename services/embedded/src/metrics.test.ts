import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BFF_ISSUER, ServiceTokenSigner, createLogger } from '@simplebank/service-kit';
import { startEmbeddedServices, type EmbeddedServices, type ServiceName } from './embedded.ts';

/** The values of one series in a Prometheus text exposition, whose labels include `labels`. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  const values: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) values.push(Number(match[4]));
  }
  return values;
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

let services: EmbeddedServices;
/** A service call as the BFF makes it: with a token signed by the embedded default's BFF key. */
const asBff = async (service: ServiceName, url: string, init: RequestInit = {}) => {
  const signer = await ServiceTokenSigner.fromKey(BFF_ISSUER, services.keys.bff.privateKey);
  const authorization = await signer.header({ audience: service, userId: 'u-alice', roles: ['customer'] });
  return fetch(url, { ...init, headers: { ...(init.headers as object), authorization } });
};
const scrape = async (name: ServiceName) => {
  const res = await fetch(`${services.urls[name]}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

beforeAll(async () => {
  services = await startEmbeddedServices({
    dataDir: 'memory://',
    readModelLagMs: 50,
    market: { tickMs: 100 },
    depositDelayMs: 50,
    logger: createLogger('metrics-test', 'silent'),
  });
  // Some traffic: one order through the whole saga, one refused request, a few reads.
  const created = await asBff('orders', `${services.urls.orders}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      accountId: 'a-alice-1',
      assetId: 'WRLD',
      side: 'buy',
      type: 'market',
      quantity: '1',
    }),
  });
  expect(created.status).toBe(201);
  const orderId = ((await created.json()) as { order: { id: string } }).order.id;
  await vi.waitFor(
    async () => {
      const res = await asBff('orders', `${services.urls.orders}/orders/${orderId}`);
      const status = res.ok
        ? ((await res.json()) as { order: { status: string } | null }).order?.status
        : res.status;
      if (status !== 'completed') throw new Error(`order is ${status}`);
    },
    { timeout: 120_000, interval: 100 },
  );
  expect((await asBff('orders', `${services.urls.orders}/orders/${randomUUID()}`)).status).toBe(404);
  for (const name of ['orders', 'accounts', 'market', 'strategies'] as const)
    expect((await fetch(`${services.urls[name]}/health/ready`)).status).toBe(200);
}, 400_000);
afterAll(() => services?.stop());

describe('each service exposes Prometheus metrics at /metrics', () => {
  it.each(['orders', 'accounts', 'market', 'strategies'] as const)(
    '%s: RED per route, consumer lag, outbox backlog and age, process metrics',
    async (name) => {
      const text = await scrape(name);
      expect(
        sum(samples(text, 'http_requests_total', { service: name, route: '/health/ready' })),
      ).toBeGreaterThan(0);
      // Route patterns, never raw URLs with ids.
      expect(text).not.toMatch(/route="[^"]*\/orders\/[0-9a-f-]{36}/);
      expect(samples(text, 'http_request_duration_seconds_count', { service: name }).length).toBeGreaterThan(
        0,
      );
      const backlog = samples(text, 'outbox_backlog_messages', { service: name });
      expect(backlog).toHaveLength(1);
      expect(backlog[0]).toBeGreaterThanOrEqual(0);
      const age = samples(text, 'outbox_oldest_unpublished_age_seconds', { service: name });
      expect(age).toHaveLength(1);
      expect(age[0]).toBeGreaterThanOrEqual(0);
      expect(age[0]).toBeLessThan(60);
      expect(samples(text, 'process_resident_memory_bytes', { service: name })[0]).toBeGreaterThan(0);
      // What the service asks of its database: every service has migrated and served reads by now.
      const statements = samples(text, 'db_statements_total', { service: name });
      const transactions = samples(text, 'db_transactions_total', { service: name });
      expect(statements).toHaveLength(1);
      expect(transactions).toHaveLength(1);
      expect(transactions[0]).toBeGreaterThan(0);
      expect(statements[0]).toBeGreaterThan(2 * transactions[0]!);
      const later = await scrape(name);
      expect(samples(later, 'db_statements_total', { service: name })[0]).toBeGreaterThanOrEqual(
        statements[0]!,
      );
    },
  );

  it('orders: saga step durations and outcomes, read-model lag, consumer lag, errors by status', async () => {
    const text = await scrape('orders');
    expect(
      sum(samples(text, 'http_requests_total', { route: '/orders', method: 'POST', status_code: '201' })),
    ).toBe(1);
    expect(sum(samples(text, 'http_requests_total', { route: '/orders/:orderId', status_code: '404' }))).toBe(
      1,
    );
    // A completed market order went through these steps, each ended by the reply that moved it on.
    for (const [step, outcome] of [
      ['reserving', 'ReservationMade'],
      ['charging', 'FeeCharged'],
      ['settling', 'TradeSettled'],
    ] as const) {
      expect(samples(text, 'orders_saga_step_duration_seconds_count', { step, outcome })).toEqual([1]);
      const seconds = samples(text, 'orders_saga_step_duration_seconds_sum', { step, outcome })[0]!;
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(seconds).toBeLessThan(30);
    }
    const lag = samples(text, 'orders_read_model_lag_seconds');
    expect(lag).toHaveLength(1);
    expect(lag[0]).toBeGreaterThanOrEqual(0);
    expect(samples(text, 'orders_read_model_events_behind')[0]).toBeGreaterThanOrEqual(0);
    expect(
      sum(
        samples(text, 'messaging_consumer_lag_seconds_count', {
          consumer: 'orders-saga',
          type: 'evt.accounts.ReservationMade',
        }),
      ),
    ).toBe(1);
    expect(
      sum(samples(text, 'messaging_messages_handled_total', { consumer: 'orders-saga', outcome: 'handled' })),
    ).toBeGreaterThanOrEqual(4);
  });

  it('accounts and market: their consumers handled the order commands', async () => {
    const accounts = await scrape('accounts');
    expect(
      sum(
        samples(accounts, 'messaging_messages_handled_total', {
          type: 'cmd.accounts.Reserve',
          outcome: 'handled',
        }),
      ),
    ).toBe(1);
    const market = await scrape('market');
    expect(
      sum(
        samples(market, 'messaging_messages_handled_total', {
          type: 'cmd.market.PlaceOrder',
          outcome: 'handled',
        }),
      ),
    ).toBe(1);
    expect(
      sum(samples(market, 'messaging_consumer_lag_seconds_count', { type: 'cmd.market.PlaceOrder' })),
    ).toBe(1);
  });
});
