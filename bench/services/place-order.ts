// Place-order benchmark of the backend services (issue 3): command latency at N concurrent clients
// and the time from the command to `completed` (saga) and to the completed view (read model).
//   npm run bench:services -w bench -- embedded|nats-pg|nats-pg-processes|all
// nats-pg runs the four services in this process on NATS + PostgreSQL; nats-pg-processes runs each
// as its own process (the scale-out shape).
// Env: BENCH_CLIENTS (50), BENCH_ORDERS_PER_CLIENT (10), ORDERS_READ_MODEL_LAG_MS (1000),
// NATS_URL (nats://127.0.0.1:4222), DATABASE_URL (postgres://postgres@127.0.0.1:5432/test).
// Open loop (issue 16): BENCH_OPEN_RATE=100 [BENCH_OPEN_SECONDS=30] sends orders at fixed times,
// whatever the replies, instead of the closed loop; latencies count from each order's scheduled
// time (a late send is the system's delay too). Results in bench/out/services-open-<mode>.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsBackbone, type AnyEnvelope, type EventBackbone } from '@simplebank/events';
import {
  BFF_ISSUER,
  ServiceTokenSigner,
  createLogger,
  dropSchema,
  embeddedServiceKeys,
  trustFromKeys,
} from '@simplebank/service-kit';
import { startAccountsService } from '@simplebank/service-accounts';
import { startMarketService } from '@simplebank/service-market';
import { startOrdersService } from '@simplebank/service-orders';
import { startStrategiesService } from '@simplebank/service-strategies';
import { startEmbeddedServices } from '@simplebank/services-embedded';

const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const perClient = Number(process.env.BENCH_ORDERS_PER_CLIENT ?? 10);
const lagMs = Number(process.env.ORDERS_READ_MODEL_LAG_MS ?? 1000);
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const accounts = ['a-alice-1', 'a-alice-2', 'a-bob-1'];
const logger = createLogger('bench', 'warn');
// The bench calls the orders service as the BFF does: with a service token (docs/SECURITY.md).
const keys = await embeddedServiceKeys(null);
const bffTokens = await ServiceTokenSigner.fromKey(BFF_ISSUER, keys.bff.privateKey);

interface Stack {
  ordersUrl: string;
  /** Subscribes a probe to order events. */
  probe(handler: (m: AnyEnvelope) => void): Promise<void>;
  stop(): Promise<void>;
}

async function embeddedStack(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  const services = await startEmbeddedServices({ dataDir, readModelLagMs: lagMs, logger, keys });
  return {
    ordersUrl: services.urls.orders,
    probe: async (handler) =>
      void (await services.bus.subscribe({
        consumer: 'bench-probe',
        subjects: ['evt.orders.>'],
        startAt: 'new',
        handler: async (m) => handler(m),
      })),
    stop: async () => {
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The four services on NATS JetStream and PostgreSQL (one schema and one NATS connection each). */
async function natsPgStack(): Promise<Stack> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 8);
  const nats = { url: natsUrl, stream: `BENCH_${tag}`, subjectPrefix: `b${tag}` };
  const buses: NatsBackbone[] = [];
  const bus = async () => {
    const b = await NatsBackbone.connect(nats);
    buses.push(b);
    return b;
  };
  const db = (name: string) => ({ url: pgUrl, schema: `bench_${tag}_${name}`, poolSize: 10 });
  const a = await startAccountsService({
    bus: await bus(),
    database: db('accounts'),
    seed: true,
    logger,
    trust: trustFromKeys('accounts', keys),
  });
  const o = await startOrdersService({
    bus: await bus(),
    database: db('orders'),
    readModelLagMs: lagMs,
    logger,
    trust: trustFromKeys('orders', keys),
  });
  const s = await startStrategiesService({
    bus: await bus(),
    database: db('strategies'),
    ordersUrl: o.url,
    ordersTokenKey: keys.strategies.privateKey,
    seed: true,
    logger,
    trust: trustFromKeys('strategies', keys),
  });
  const m = await startMarketService({
    bus: await bus(),
    database: db('market'),
    logger,
    trust: trustFromKeys('market', keys),
  });
  const probeBus: EventBackbone = await bus();
  return {
    ordersUrl: o.url,
    probe: async (handler) =>
      void (await probeBus.subscribe({
        consumer: 'bench-probe',
        subjects: ['evt.orders.>'],
        startAt: 'new',
        handler: async (msg) => handler(msg),
      })),
    stop: async () => {
      for (const service of [m, s, o, a]) await service.stop();
      await buses[0]!.deleteStream().catch(() => undefined);
      for (const b of buses) await b.close();
      for (const name of ['accounts', 'orders', 'strategies', 'market'])
        await dropSchema(pgUrl, `bench_${tag}_${name}`);
    },
  };
}

/** Starts `services/<name>` as its own process; resolves with its URL once it listens. */
function startProcess(
  name: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..', 'services', name),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('service listening')) return;
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) resolve({ child, url: entry.url });
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

/** The scale-out shape: each service its own process, on NATS JetStream and PostgreSQL. */
async function natsPgProcessesStack(): Promise<Stack> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 8);
  const common = {
    NATS_URL: natsUrl,
    NATS_STREAM: `BENCHP_${tag}`,
    NATS_SUBJECT_PREFIX: `p${tag}`,
    DATABASE_URL: pgUrl,
    SERVICE_TOKEN_PUBLIC_KEY: keys.bff.publicKey,
    STRATEGIES_TOKEN_PUBLIC_KEY: keys.strategies.publicKey,
  };
  const schema = (name: string) => `benchp_${tag}_${name}`;
  const accounts = await startProcess('accounts', {
    ...common,
    DATABASE_SCHEMA: schema('accounts'),
    SIMPLEBANK_SEED: '1',
  });
  const orders = await startProcess('orders', {
    ...common,
    DATABASE_SCHEMA: schema('orders'),
    ORDERS_READ_MODEL_LAG_MS: String(lagMs),
  });
  const strategies = await startProcess('strategies', {
    ...common,
    DATABASE_SCHEMA: schema('strategies'),
    SIMPLEBANK_SEED: '1',
    ORDERS_URL: orders.url,
    STRATEGIES_TOKEN_PRIVATE_KEY: keys.strategies.privateKey,
  });
  const market = await startProcess('market', { ...common, DATABASE_SCHEMA: schema('market') });
  const probeBus = await NatsBackbone.connect({
    url: natsUrl,
    stream: common.NATS_STREAM,
    subjectPrefix: common.NATS_SUBJECT_PREFIX,
  });
  return {
    ordersUrl: orders.url,
    probe: async (handler) =>
      void (await probeBus.subscribe({
        consumer: 'bench-probe',
        subjects: ['evt.orders.>'],
        startAt: 'new',
        handler: async (msg) => handler(msg),
      })),
    stop: async () => {
      for (const p of [market, strategies, orders, accounts]) {
        const exited = new Promise((r) => p.child.once('exit', r));
        p.child.kill('SIGTERM');
        await exited;
      }
      await probeBus.deleteStream().catch(() => undefined);
      await probeBus.close();
      for (const name of ['accounts', 'orders', 'strategies', 'market'])
        await dropSchema(pgUrl, schema(name));
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

type Mode = 'embedded' | 'nats-pg' | 'nats-pg-processes';

async function run(mode: Mode) {
  const stack =
    mode === 'embedded'
      ? await embeddedStack()
      : mode === 'nats-pg'
        ? await natsPgStack()
        : await natsPgProcessesStack();
  const sentAt = new Map<string, number>();
  /** Orders of the measured run (the warm-up ones are left out of the figures). */
  const measured = new Set<string>();
  const sagaMs: number[] = [];
  const viewMs: number[] = [];
  const finished = new Set<string>();
  let lastCompletedAt = 0;
  await stack.probe((m) => {
    const now = performance.now();
    if (
      m.type === 'evt.orders.OrderCompleted' ||
      m.type === 'evt.orders.OrderRejected' ||
      m.type === 'evt.orders.OrderFailed'
    ) {
      const start = sentAt.get(m.data.order.id);
      if (start !== undefined && m.type === 'evt.orders.OrderCompleted' && measured.has(m.data.order.id)) {
        sagaMs.push(now - start);
        lastCompletedAt = now;
      }
    }
    if (
      m.type === 'evt.orders.OrderViewUpdated' &&
      ['completed', 'rejected', 'failed'].includes(m.data.view.status)
    ) {
      const start = sentAt.get(m.data.view.id);
      if (start !== undefined && !finished.has(m.data.view.id)) {
        finished.add(m.data.view.id);
        if (m.data.view.status === 'completed' && measured.has(m.data.view.id)) viewMs.push(now - start);
      }
    }
  });
  // Wait until orders knows prices (the market's first tick).
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${stack.ordersUrl}/health/ready`)).status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  let measuring = false;
  const place = async (n: number) => {
    const start = performance.now();
    const res = await fetch(`${stack.ordersUrl}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        authorization: await bffTokens.header({ audience: 'orders', userId: 'u-bench', roles: ['customer'] }),
      },
      body: JSON.stringify({
        accountId: accounts[n % accounts.length],
        // One GLBX (~85.00): above the 50.00 minimum order value, and 520 of them fit in the
        // three demo accounts' cash.
        assetId: 'GLBX',
        side: 'buy',
        type: 'market',
        quantity: '1',
      }),
    });
    const body = (await res.json()) as { order?: { id: string } };
    const elapsed = performance.now() - start;
    if (res.status !== 201 || !body.order)
      throw new Error(`order refused: ${res.status} ${JSON.stringify(body)}`);
    sentAt.set(body.order.id, start);
    if (measuring) measured.add(body.order.id);
    return elapsed;
  };
  for (let i = 0; i < 20; i++) await place(i); // warm-up
  measuring = true;
  const commandMs: number[] = [];
  const total = clients * perClient;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let k = 0; k < perClient; k++) commandMs.push(await place(c * perClient + k));
    }),
  );
  const commandWindow = performance.now() - began;
  const deadline = Date.now() + 120_000;
  while (finished.size < total + 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const result = {
    mode,
    clients,
    orders: total,
    readModelLagMs: lagMs,
    commandsPerSecond: Math.round((total / commandWindow) * 1000),
    // Saga throughput: measured orders completed per second, from the first command to the last completion.
    completedPerSecond: Math.round((sagaMs.length / (lastCompletedAt - began)) * 10_000) / 10,
    commandLatencyMs: summary(commandMs),
    commandToCompletedMs: summary(sagaMs),
    commandToCompletedViewMs: summary(viewMs),
    completed: sagaMs.length,
  };
  await stack.stop();
  return result;
}

/** Demo accounts' cash (services/accounts/src/seed.ts: 100,000, 25,000, 50,000) shared 4 : 1 : 2. */
const OPEN_LOOP_ACCOUNTS = [
  'a-alice-1',
  'a-alice-1',
  'a-alice-1',
  'a-alice-1',
  'a-alice-2',
  'a-bob-1',
  'a-bob-1',
];

/**
 * Open loop: `rate` orders a second for `seconds`, each sent at its scheduled time whether or not
 * the earlier ones were answered. Each buys 50.00 of GLBX (the minimum order value), so the 3,000
 * orders of 30 s at 100/s fit in the demo accounts' cash.
 */
async function runOpenLoop(mode: Mode, rate: number, seconds: number) {
  const stack =
    mode === 'embedded'
      ? await embeddedStack()
      : mode === 'nats-pg'
        ? await natsPgStack()
        : await natsPgProcessesStack();
  const scheduledAt = new Map<string, number>();
  const viewMs = new Map<string, number>();
  const outcome = new Map<string, string>();
  await stack.probe((m) => {
    if (
      m.type === 'evt.orders.OrderViewUpdated' &&
      ['completed', 'rejected', 'failed'].includes(m.data.view.status) &&
      !outcome.has(m.data.view.id)
    ) {
      outcome.set(m.data.view.id, m.data.view.status);
      const start = scheduledAt.get(m.data.view.id);
      if (start !== undefined) viewMs.set(m.data.view.id, performance.now() - start);
    }
  });
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${stack.ordersUrl}/health/ready`)).status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const send = async (n: number, at: number) => {
    const res = await fetch(`${stack.ordersUrl}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        authorization: await bffTokens.header({ audience: 'orders', userId: 'u-bench', roles: ['customer'] }),
      },
      body: JSON.stringify({
        accountId: OPEN_LOOP_ACCOUNTS[n % OPEN_LOOP_ACCOUNTS.length],
        assetId: 'GLBX',
        side: 'buy',
        type: 'market',
        amountMinor: 5000,
      }),
    });
    const body = (await res.json()) as { order?: { id: string } };
    const elapsed = performance.now() - at;
    if (res.status !== 201 || !body.order)
      throw new Error(`order refused: ${res.status} ${JSON.stringify(body)}`);
    return { id: body.order.id, elapsed };
  };
  // Warm-up, closed loop: first statements of each kind and the prices behind us.
  for (let i = 0; i < 10; i++) await send(i, performance.now());
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const began = performance.now();
  const commands: Promise<{ id: string; elapsed: number }>[] = [];
  let lateSends = 0;
  for (let i = 0; i < total; i++) {
    const at = began + i * interval;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -interval) lateSends++;
    commands.push(
      send(i, at).then((r) => {
        scheduledAt.set(r.id, at);
        // The view may have been announced before the reply reached the bench.
        if (outcome.has(r.id) && !viewMs.has(r.id)) viewMs.set(r.id, performance.now() - at);
        return r;
      }),
    );
  }
  const replies = await Promise.allSettled(commands);
  const placed = replies.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const deadline = Date.now() + lagMs + 60_000;
  while (placed.some((p) => !outcome.has(p.id)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const completedIn = placed.filter((p) => outcome.get(p.id) === 'completed').map((p) => viewMs.get(p.id)!);
  const withinGoal = completedIn.filter((ms) => ms <= lagMs + 1000).length;
  const result = {
    mode,
    offeredPerSecond: rate,
    seconds,
    orders: total,
    readModelLagMs: lagMs,
    refused: replies.length - placed.length,
    /** Sends that left more than one interval after their scheduled time (the bench itself fell behind). */
    lateSends,
    commandLatencyMs: summary(placed.map((p) => p.elapsed)),
    commandToCompletedViewMs: summary(completedIn),
    completed: completedIn.length,
    notCompleted: total - completedIn.length,
    /** Orders whose completed view was announced within lag + 1 s of their scheduled time, of all orders offered. */
    completedWithinLagPlus1sShare: Number((withinGoal / total).toFixed(4)),
  };
  await stack.stop();
  return result;
}

const openRate = Number(process.env.BENCH_OPEN_RATE ?? 0);
const openSeconds = Number(process.env.BENCH_OPEN_SECONDS ?? 30);
const which = process.argv[2] ?? 'all';
const modes: Mode[] = which === 'all' ? ['embedded', 'nats-pg', 'nats-pg-processes'] : [which as Mode];
const outDir = join(import.meta.dirname, '..', 'out');
mkdirSync(outDir, { recursive: true });
for (const mode of modes) {
  const result = openRate > 0 ? await runOpenLoop(mode, openRate, openSeconds) : await run(mode);
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(
    join(outDir, openRate > 0 ? `services-open-${mode}.json` : `services-${mode}.json`),
    JSON.stringify(result, null, 2),
  );
}
process.exit(0);
