import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InProcessBackbone, serverSuite } from '@simplebank/events';
import {
  TEST_POSTGRES_URL,
  as,
  createLogger,
  dropSchema,
  testServiceKeys,
  testTrust,
} from '@simplebank/service-kit';
import { startMarketService, type RunningMarketService } from './service.ts';

// Two market instances on one PostgreSQL database: one is a child process (so it can die by
// SIGKILL), the other runs here. Exactly one of them ticks; the other takes over when it dies, and
// both answer prices, history and faults alike.
const postgres = await serverSuite('PostgreSQL', '127.0.0.1', 5432);
const schema = `m_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const TICK_MS = 200;
// Every call carries a service token signed with the test BFF key; both instances trust it.
const admin = { ...(await as.admin('market')), 'content-type': 'application/json' };
const customer = await as.customer('market');
const keys = await testServiceKeys();
const marketDir = fileURLToPath(new URL('..', import.meta.url));

function startMarketProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: marketDir,
    env: {
      ...process.env,
      NATS_URL: '',
      DATABASE_URL: TEST_POSTGRES_URL,
      DATABASE_SCHEMA: schema,
      PORT: '0',
      HOST: '127.0.0.1',
      MARKET_TICK_MS: String(TICK_MS),
      LOG_LEVEL: 'info',
      SERVICE_TOKEN_PUBLIC_KEY: keys.bff.publicKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'market service listening' && entry.url) resolve({ child, url: entry.url });
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`market process exited with ${code}`)));
  });
}

const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, { ...init, headers: { ...customer, ...init?.headers } });
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, unknown>>;
};
const lastTickAt = async (url: string) =>
  ((await json(`${url}/prices?assetIds=ACME`)).items as { at: string }[])[0]!.at;

describe.skipIf(!postgres.run)('market: two instances on PostgreSQL', () => {
  const bus = new InProcessBackbone();
  let child: { child: ChildProcess; url: string } | null = null;
  let here: RunningMarketService;

  beforeAll(async () => {
    child = await startMarketProcess();
    // The child started first and ticks; this one waits for the lease.
    const first = await lastTickAt(child.url);
    await vi.waitFor(async () => expect(await lastTickAt(child!.url)).not.toBe(first), {
      timeout: 30_000,
      interval: 100,
    });
    here = await startMarketService({
      bus,
      database: { url: TEST_POSTGRES_URL, schema },
      tickMs: TICK_MS,
      trust: await testTrust('market'),
      logger: createLogger('market-scale-test', 'silent'),
    });
  });
  afterAll(async () => {
    child?.child.kill('SIGKILL');
    await here?.stop();
    await bus.close();
    await dropSchema(TEST_POSTGRES_URL, schema);
  });

  it('ticks from one instance only while both run', async () => {
    const windowMs = 2000;
    const from = new Date();
    await new Promise((r) => setTimeout(r, windowMs));
    expect(here.isTicking()).toBe(false);
    const [row] = await here.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM price_history WHERE asset_id = 'ACME' AND at >= $1 AND at < $2`,
      [from, new Date(from.getTime() + windowMs)],
    );
    // One ticker makes at most one tick per interval (two would make about twice as many); a
    // slow machine makes fewer, never more.
    expect(row!.n).toBeLessThanOrEqual(windowMs / TICK_MS + 2);
    expect(row!.n).toBeGreaterThan(0);
  });

  it('answers prices, history and faults alike from both instances', async () => {
    const set = await json(`${here.url}/admin/faults`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ extraLatencyMs: 5 }),
    });
    expect(set).toMatchObject({ extraLatencyMs: 5 });
    expect(await json(`${child!.url}/admin/faults`, { headers: admin })).toEqual(set);
    await json(`${here.url}/admin/faults`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ extraLatencyMs: 0 }),
    });

    const history = async (url: string) =>
      ((await json(`${url}/assets/ACME/history?limit=5`)).items as { at: string }[]).map((i) => i.at);
    // Ticks go on meanwhile, so compare two reads taken close together until they agree.
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([history(here.url), history(child!.url)]);
        return a.length === 5 && JSON.stringify(a) === JSON.stringify(b);
      })
      .toBe(true);
  });

  it('goes on ticking from the other instance within 5 s after the ticking one is killed', async () => {
    const before = await lastTickAt(here.url);
    child!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await expect.poll(() => here.isTicking(), { timeout: 5000, interval: 50 }).toBe(true);
    await expect.poll(() => lastTickAt(here.url), { timeout: 5000, interval: 50 }).not.toBe(before);
    expect(Date.now() - killedAt).toBeLessThan(5000);
  });
});
