import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsBackbone, serverSuite } from '@simplebank/events';
import {
  TEST_POSTGRES_URL,
  as,
  createLogger,
  dropSchema,
  injectAs,
  testServiceKeys,
  testTrust,
} from '@simplebank/service-kit';
import { startAccountsService, type RunningAccountsService } from '@simplebank/service-accounts';
import { startMarketService, type RunningMarketService } from '@simplebank/service-market';
import { waitFor } from './test-stack.ts';

// The scale-out mode for real: orders runs as its own process on NATS JetStream + PostgreSQL and
// is killed with SIGKILL in the middle of a saga; a new process must finish it, every effect once.
const nats = await serverSuite('NATS JetStream', '127.0.0.1', 4222);
const postgres = await serverSuite('PostgreSQL', '127.0.0.1', 5432);
const tag = randomUUID().replace(/-/g, '').slice(0, 10);
const schemas = { accounts: `k_${tag}_accounts`, market: `k_${tag}_market`, orders: `k_${tag}_orders` };
const natsEnv = {
  NATS_URL: 'nats://127.0.0.1:4222',
  NATS_STREAM: `KILL_${tag}`,
  NATS_SUBJECT_PREFIX: `k${tag}`,
};
const ordersDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts `services/orders` as a child process and resolves with its URL once it listens. */
async function startOrdersProcess(): Promise<{ child: ChildProcess; url: string }> {
  // Keys reach a service of its own through the environment, as in production (services/README.md).
  const keys = await testServiceKeys();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ordersDir,
    env: {
      ...process.env,
      ...natsEnv,
      DATABASE_URL: TEST_POSTGRES_URL,
      DATABASE_SCHEMA: schemas.orders,
      PORT: '0',
      HOST: '127.0.0.1',
      ORDERS_READ_MODEL_LAG_MS: '0',
      LOG_LEVEL: 'info',
      SERVICE_TOKEN_PUBLIC_KEY: keys.bff.publicKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'orders service listening' && entry.url) resolve({ child, url: entry.url });
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`orders process exited with ${code}`)));
  });
}

describe.skipIf(!nats.run || !postgres.run)(
  'orders as its own process on NATS + PostgreSQL, killed mid-saga',
  () => {
    const logger = createLogger('kill-test', 'silent');
    let bus: NatsBackbone;
    let accounts: RunningAccountsService;
    let market: RunningMarketService;
    let orders: { child: ChildProcess; url: string } | null = null;

    beforeAll(async () => {
      bus = await NatsBackbone.connect({
        url: natsEnv.NATS_URL,
        stream: natsEnv.NATS_STREAM,
        subjectPrefix: natsEnv.NATS_SUBJECT_PREFIX,
      });
      accounts = await startAccountsService({
        bus,
        database: { url: TEST_POSTGRES_URL, schema: schemas.accounts },
        seed: true,
        logger,
        trust: await testTrust('accounts'),
      });
      orders = await startOrdersProcess();
      market = await startMarketService({
        bus,
        database: { url: TEST_POSTGRES_URL, schema: schemas.market },
        tickMs: 0,
        logger,
        trust: await testTrust('market'),
        timing: { sendLatencyMs: 5, fillLatencyMs: 5, limitOrderTtlMs: 60_000 },
      });
      await injectAs('admin', market.app, {
        method: 'PUT',
        url: '/admin/prices/ACME',
        payload: { price: '100.00' },
      });
      await waitFor(
        async () => (await fetch(`${orders!.url}/health/ready`)).status === 200,
        'orders ready (prices known)',
      );
    });

    afterAll(async () => {
      orders?.child.kill('SIGKILL');
      await market?.stop();
      await accounts?.stop();
      await bus?.deleteStream().catch(() => undefined);
      await bus?.close();
      for (const schema of Object.values(schemas)) await dropSchema(TEST_POSTGRES_URL, schema);
    });

    it('completes the saga after a SIGKILL and a restart, settling once', async () => {
      market.faults.extraLatencyMs = 1000;
      const res = await fetch(`${orders!.url}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          ...(await as.customer('orders')),
        },
        body: JSON.stringify({
          accountId: 'a-alice-1',
          assetId: 'ACME',
          side: 'buy',
          type: 'market',
          quantity: '3',
        }),
      });
      expect(res.status).toBe(201);
      const orderId = ((await res.json()) as { order: { id: string } }).order.id;
      await waitFor(
        async () =>
          (await injectAs('customer', market.app, { method: 'GET', url: `/market-orders/${orderId}` }))
            .statusCode === 200,
        'order at the market',
      );
      orders!.child.kill('SIGKILL');
      market.faults.extraLatencyMs = 0;
      await waitFor(
        async () =>
          (await injectAs('customer', market.app, { method: 'GET', url: `/market-orders/${orderId}` })).json()
            .status === 'filled',
        'filled while orders is dead',
      );

      orders = await startOrdersProcess();
      await waitFor(
        async () =>
          (
            (await (
              await fetch(`${orders!.url}/orders/${orderId}`, { headers: await as.customer('orders') })
            ).json()) as {
              order: { status: string } | null;
            }
          ).order?.status === 'completed',
        'completed after restart',
        30_000,
      );
      const ledger = (
        await injectAs('customer', accounts.app, {
          method: 'GET',
          url: '/accounts/a-alice-1/transactions?size=200',
        })
      ).json().items as { orderId: string; kind: string; amountMinor: number }[];
      expect(
        ledger
          .filter((t) => t.orderId === orderId)
          .map((t) => [t.kind, t.amountMinor])
          .sort(),
      ).toEqual([
        ['fee', -100],
        ['trade', -30_000],
      ]);
      const holdings = (
        await injectAs('customer', accounts.app, { method: 'GET', url: '/accounts/a-alice-1/holdings' })
      ).json().items as { assetId: string; quantity: string }[];
      expect(holdings.find((h) => h.assetId === 'ACME')!.quantity).toBe('53');
    });
  },
);
