import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { NatsBackbone, serverSuite, type Subscription } from '@simplebank/events';
import {
  BFF_ISSUER,
  ServiceTokenSigner,
  TEST_POSTGRES_URL,
  embeddedServiceKeys,
} from '@simplebank/service-kit';
import { versionFor } from '@simplebank/bff';
import { startScaleOut, type Instance, type ScaleOut } from '../src/shape.ts';

// The scale-out shape of `npm run start:scale-out` (README.md, Scale-out): two processes of the BFF
// and of each service, each with its own data folder, meeting only on PostgreSQL, NATS and Redis.
// Orders stream through both BFFs while one instance of each part is killed with SIGKILL.
const servers = await Promise.all([
  serverSuite('PostgreSQL', '127.0.0.1', 5432),
  serverSuite('NATS JetStream', '127.0.0.1', 4222),
  serverSuite('Redis', '127.0.0.1', 6379),
]);
const TICK_MS = 500;
const TERMINAL = new Set(['completed', 'rejected', 'failed', 'expired', 'canceled']);
const CSRF = { 'x-csrf-protection': '1' };
const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;

interface Placed {
  key: string;
  id: string;
  placedAt: number;
  via: string;
  terminalAt?: number;
  status?: string;
  fee?: string | null;
  fillPrice?: string | null;
}

/** A decimal string in minor units (cents), rounded half up: the services' rounding of money. */
function cents(decimal: string, times = 1): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const units = BigInt(whole + fraction.padEnd(8, '0').slice(0, 8)) * BigInt(times);
  return (units + 500_000n) / 1_000_000n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

describe.skipIf(servers.some((s) => !s.run))('scale-out shape: two of everything, one of each killed', () => {
  let shape: ScaleOut;
  let dataDir: string;
  let bff1: Instance;
  let bff2: Instance;
  let ticking: string | null = null;
  let bus: NatsBackbone;
  let tickWatch: Subscription;
  /** Every price tick seen on the backbone: when it was received, and its prices. */
  const ticks: { receivedAt: number; prices: Map<string, string> }[] = [];
  const sockets: Socket[] = [];
  const placed: Placed[] = [];
  let assetId = '';
  let cashBefore = 0n;
  let holdingBefore = '0';
  const accountId = 'a-alice-1';

  const call = async (base: string, route: string, init: RequestInit & { cookie?: string } = {}) => {
    const { cookie, ...rest } = init;
    const res = await fetch(base + route, {
      ...rest,
      headers: {
        ...(rest.body ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...CSRF,
        ...(rest.headers as Record<string, string> | undefined),
      },
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const login = async (base: string, username: string): Promise<string> => {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CSRF },
      body: JSON.stringify({ username, password: `${username}-pass` }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
    if (!cookie) throw new Error('no session cookie');
    return cookie.split(';')[0]!;
  };

  const socket = async (base: string, cookie: string, ...topics: string[]): Promise<Socket> => {
    const s = connectClient(base, {
      path: '/realtime',
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    for (const topic of topics) s.emit('subscribe', topic);
    // The subscription is a message: give it a moment to be joined before anything is pushed.
    await sleep(300);
    return s;
  };

  const portfolio = async (cookie: string) => {
    const res = await call(bff2.url, '/api/portfolio', { cookie });
    expect(res.status).toBe(200);
    const body = res.body as {
      accounts: { id: string; cash: { available: string; reserved: string } }[];
      holdings: { accountId: string; assetId: string; quantity: string }[];
    };
    const account = body.accounts.find((a) => a.id === accountId)!;
    const holding = body.holdings.find((h) => h.accountId === accountId && h.assetId === assetId);
    return {
      cash: cents(account.cash.available) + cents(account.cash.reserved),
      reserved: cents(account.cash.reserved),
      quantity: holding?.quantity ?? '0',
    };
  };

  /** A market buy of one unit, retried with the same key (as a client does) until some BFF answers. */
  const placeOrder = async (cookie: string, preferred: Instance): Promise<void> => {
    const key = randomUUID();
    const targets = [preferred, preferred === bff1 ? bff2 : bff1];
    for (let attempt = 0; attempt < 40; attempt++) {
      const target = targets[attempt % 2]!;
      const res = await call(target.url, '/api/orders', {
        method: 'POST',
        cookie,
        headers: { 'idempotency-key': key },
        body: JSON.stringify({ accountId, assetId, side: 'buy', type: 'market', quantity: '1' }),
      }).catch(() => null);
      if (res && (res.status === 200 || res.status === 201)) {
        const id = String(res.body.id);
        if (!placed.some((p) => p.id === id))
          placed.push({ key, id, placedAt: Date.now(), via: target.name });
        return;
      }
      // Refused for good (4xx other than a conflict): the test is wrong, not the system.
      if (res && res.status >= 400 && res.status < 500 && res.status !== 409)
        throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
      await sleep(250);
    }
    throw new Error(`order ${key} could not be placed through either BFF`);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sb-scale-out-'));
    shape = await startScaleOut({
      prefix,
      dataDir,
      port: 0,
      databaseUrl: TEST_POSTGRES_URL,
      natsUrl: 'nats://127.0.0.1:4222',
      redisUrl: 'redis://127.0.0.1:6379',
      env: { MARKET_TICK_MS: String(TICK_MS), ORDERS_READ_MODEL_LAG_MS: '200', REGISTRY_SEED: '0' },
      onLine: (instance, line) => {
        if (line.includes('this instance ticks the market now')) ticking = instance;
      },
    });
    [bff1, bff2] = shape.instances.filter((i) => i.part === 'bff') as [Instance, Instance];
    bus = await NatsBackbone.connect({
      url: 'nats://127.0.0.1:4222',
      stream: `SB_${prefix.toUpperCase()}`,
      subjectPrefix: prefix,
    });
    tickWatch = await bus.subscribe({
      consumer: 'scale-out-test-ticks',
      subjects: ['evt.market.PriceTick'],
      startAt: 'new',
      everyInstance: true,
      handler: async (message) => {
        const data = message.data as { prices: { assetId: string; price: string }[] };
        ticks.push({ receivedAt: Date.now(), prices: new Map(data.prices.map((p) => [p.assetId, p.price])) });
      },
    });
    const alice = await login(bff1.url, 'alice');
    const assets = await call(bff1.url, '/api/assets', { cookie: alice });
    const items = (assets.body.items ?? assets.body) as {
      id: string;
      currency: string;
      price: string | null;
    }[];
    // A USD asset worth more than the minimum order value (50.00) and far below alice's cash.
    const asset = items.find(
      (a) => a.currency === 'USD' && a.price !== null && Number(a.price) > 60 && Number(a.price) < 1000,
    );
    if (!asset) throw new Error(`no suitable asset in ${JSON.stringify(items).slice(0, 300)}`);
    assetId = asset.id;
    const before = await portfolio(alice);
    cashBefore = before.cash;
    holdingBefore = before.quantity;
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await tickWatch?.unsubscribe();
    await bus?.close();
    await shape?.stop();
    await shape?.dropData();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ends a session on both BFFs when it logs out on one, for HTTP and sockets', async () => {
    const alice = await login(bff1.url, 'alice');
    const onOther = await socket(bff2.url, alice);
    const disconnected = new Promise<string>((resolve) => onOther.once('disconnect', resolve));
    expect((await call(bff2.url, '/api/session', { cookie: alice })).status).toBe(200);

    expect((await call(bff1.url, '/api/session', { method: 'DELETE', cookie: alice })).status).toBeLessThan(
      300,
    );
    expect((await call(bff2.url, '/api/session', { cookie: alice })).status).toBe(401);
    await expect(Promise.race([disconnected, sleep(3000).then(() => 'still connected')])).resolves.toBe(
      'io server disconnect',
    );
  });

  it('applies a role change made on one BFF to HTTP and sockets on the other at once', async () => {
    const admin = await login(bff1.url, 'admin');
    const bob = await login(bff2.url, 'bob');
    const alice = await login(bff1.url, 'alice');
    const bobSocket = await socket(bff2.url, bob);
    const seenByBob: string[] = [];
    bobSocket.on('orders', (order: { id: string }) => seenByBob.push(order.id));
    const setRoles = (roles: string[]) =>
      call(bff1.url, '/api/admin/users/u-bob/roles', {
        method: 'PUT',
        cookie: admin,
        body: JSON.stringify({ roles }),
      });

    expect((await call(bff2.url, '/api/admin/users', { cookie: bob })).status).toBe(403);
    expect((await setRoles(['customer', 'admin'])).status).toBe(200);
    expect((await call(bff2.url, '/api/admin/users', { cookie: bob })).status).toBe(200);
    // As an admin, bob's socket on the other BFF now gets every customer's order pushes.
    await placeOrder(alice, bff1);
    const first = placed.at(-1)!.id;
    await until(
      'bob to see alice’s order as an admin',
      async () => (seenByBob.includes(first) ? true : undefined),
      15_000,
    );

    expect((await setRoles(['customer'])).status).toBe(200);
    expect((await call(bff2.url, '/api/admin/users', { cookie: bob })).status).toBe(403);
    const seen = seenByBob.length;
    await placeOrder(alice, bff1);
    const second = placed.at(-1)!.id;
    // Alice's own pushes show the order went out; bob's socket, no admin any more, gets none of it.
    const aliceSocket = await socket(bff1.url, alice);
    const seenByAlice: string[] = [];
    aliceSocket.on('orders', (order: { id: string }) => seenByAlice.push(order.id));
    await until(
      'a push about alice’s order',
      async () => (seenByAlice.length > 0 ? true : undefined),
      15_000,
    );
    await sleep(500);
    expect(seenByBob.slice(seen).filter((id) => id === second)).toEqual([]);
  });

  it('flips a flag on one BFF and the sockets on the other get it', async () => {
    const admin = await login(bff1.url, 'admin');
    const alice = await login(bff2.url, 'alice');
    const aliceSocket = await socket(bff2.url, alice, 'flags');
    const pushed = new Promise<{ flags: Record<string, boolean> }>((resolve) =>
      aliceSocket.once('flags', resolve),
    );
    const res = await call(bff1.url, '/api/admin/flags', {
      method: 'PUT',
      cookie: admin,
      body: JSON.stringify({ flags: { 'reports.scaleOut': true } }),
    });
    expect(res.status).toBe(200);
    const message = await Promise.race([pushed, sleep(5000).then(() => null)]);
    expect(message?.flags['reports.scaleOut']).toBe(true);
    expect(
      ((await call(bff2.url, '/api/flags', { cookie: alice })).body.flags as Record<string, boolean>)[
        'reports.scaleOut'
      ],
    ).toBe(true);
  });

  it('serves a fragment deployed through one BFF from the other', async () => {
    const token = await shape.deployToken();
    const marker = randomUUID();
    const fragment = {
      name: 'scaleout',
      title: 'Scale-out',
      routes: ['/scaleout'],
      nav: [{ label: 'Scale-out', path: '/scaleout' }],
      requiredRole: null,
      contractVersion: '2.0.0',
    };
    const files = [
      { path: 'mf-manifest.json', content: Buffer.from(JSON.stringify({ name: 'scaleout', marker })) },
      { path: 'fragment.json', content: Buffer.from(JSON.stringify(fragment)) },
      { path: 'assets/index-1.js', content: Buffer.from(`export default ${JSON.stringify(marker)};`) },
    ];
    const version = versionFor('1.0.0', files);
    const deploy = { authorization: `Bearer ${token}` };
    const put = await call(bff1.url, `/api/admin/fragments/scaleout/versions/${version}`, {
      method: 'PUT',
      headers: deploy,
      body: JSON.stringify({
        fragment,
        files: files.map((f) => ({ path: f.path, contentBase64: f.content.toString('base64') })),
      }),
    });
    expect(put.status).toBe(201);
    expect(
      (
        await call(bff1.url, '/api/admin/fragments/scaleout/activate', {
          method: 'POST',
          headers: deploy,
          body: JSON.stringify({ version }),
        })
      ).status,
    ).toBe(200);

    const list = await call(bff2.url, '/api/fragments');
    expect(JSON.stringify(list.body)).toContain(`/fragments/scaleout/${version}/mf-manifest.json`);
    const asset = await fetch(`${bff2.url}/fragments/scaleout/${version}/assets/index-1.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(`export default ${JSON.stringify(marker)};`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = asset.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await fetch(`${bff1.url}/fragments/scaleout/${version}/assets/index-1.js`, {
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
  });

  it('reads the same audit log from both BFFs', async () => {
    const admin = await login(bff2.url, 'admin');
    const page = async (instance: Instance) => {
      const res = await call(instance.url, '/api/admin/audit?size=100', { cookie: admin });
      expect(res.status).toBe(200);
      return res.body;
    };
    const [one, two] = [await page(bff1), await page(bff2)];
    expect(one).toEqual(two);
    const actions = new Set((one.items as { action: string }[]).map((e) => e.action));
    // Written by both instances: logins on each, the role changes, the flag and the deploy on bff-1.
    for (const action of [
      'session.login',
      'session.logout',
      'user.roles',
      'flags.set',
      'fragment.publish',
      'order.place',
    ])
      expect(actions, action).toContain(action);
  });

  it('loses and duplicates no order while an instance of each part dies; ticks go on and both orders instances price from fresh ticks', async () => {
    const started = Date.now();
    const alice = await login(bff1.url, 'alice');
    const admin = await login(bff2.url, 'admin');
    let streaming = true;
    let sent = 0;
    const stream = (async () => {
      while (streaming) {
        const preferred = sent++ % 2 === 0 ? bff1 : bff2;
        await Promise.all([placeOrder(alice, preferred), sleep(400)]);
      }
    })();

    // 1. The ticking market instance dies: another one ticks within 5 s.
    const ticker = await until('a market instance to tick', async () => ticking ?? undefined, 20_000);
    const market = shape.instances.find((i) => i.name === ticker)!;
    await sleep(1500);
    const killedAt = Date.now();
    await shape.kill(market);
    const nextTick = await until(
      'a tick after the ticking market instance died',
      async () => ticks.find((t) => t.receivedAt > killedAt + TICK_MS),
      10_000,
    );
    const tickGapMs = nextTick.receivedAt - killedAt;
    expect(tickGapMs).toBeLessThan(5000);

    // 2. Each orders instance prices an order placed on it from a tick sent after the takeover.
    const keys = await embeddedServiceKeys(path.join(dataDir, 'keys'));
    const signer = await ServiceTokenSigner.fromKey(BFF_ISSUER, keys.bff.privateKey);
    await sleep(2 * TICK_MS);
    for (const orders of shape.instances.filter((i) => i.part === 'orders')) {
      const freshSince = nextTick.receivedAt;
      const res = await fetch(`${orders.url}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `scale-out-test:${randomUUID()}`,
          authorization: await signer.header({
            audience: 'orders',
            userId: 'u-alice',
            roles: ['customer'],
            requestId: randomUUID(),
          }),
        },
        body: JSON.stringify({ accountId, assetId, side: 'buy', type: 'market', quantity: '1' }),
      });
      expect(res.status, orders.name).toBe(201);
      const { order } = (await res.json()) as { order: { id: string } };
      placed.push({ key: 'direct', id: order.id, placedAt: Date.now(), via: orders.name });
      const timeline = await call(bff2.url, `/api/admin/orders/${order.id}/timeline`, { cookie: admin });
      const created = (timeline.body.entries as { step: string; detail: { estimatedPrice?: string } }[]).find(
        (e) => e.step.startsWith('created'),
      );
      // A market buy reserves at the last price + 2% (services/README.md): that price must be one
      // the market sent after the takeover.
      const fresh = ticks
        .filter((t) => t.receivedAt >= freshSince)
        .map((t) => t.prices.get(assetId))
        .filter((p): p is string => p !== undefined);
      const estimated = Number(created?.detail.estimatedPrice);
      // The cap is rounded up to 8 decimals: equal to a fresh price × 1.02 within that rounding.
      expect(
        fresh.some((p) => Math.abs(Number(p) * 1.02 - estimated) < 1e-6),
        `${orders.name} priced at ${estimated}; fresh ticks ${fresh.join(' ')}`,
      ).toBe(true);
    }

    // 3. One instance of each other part dies along the way.
    for (const name of ['orders-1', 'accounts-1', 'strategies-1', 'bff-1']) {
      await sleep(3000);
      await shape.kill(shape.instances.find((i) => i.name === name)!);
    }
    await sleep(4000);
    streaming = false;
    await stream;

    // Every order ends within 60 s of being placed.
    const pending = () => placed.filter((p) => p.terminalAt === undefined);
    const deadline = Date.now() + 70_000;
    while (pending().length > 0 && Date.now() < deadline) {
      for (const order of pending()) {
        const res = await call(bff2.url, `/api/orders/${order.id}`, { cookie: alice }).catch(() => null);
        const status = res?.status === 200 ? String(res.body.status) : null;
        if (status && TERMINAL.has(status)) {
          order.terminalAt = Date.now();
          order.status = status;
          order.fee = res!.body.fee as string | null;
          order.fillPrice = res!.body.fillPrice as string | null;
        }
      }
      await sleep(500);
    }
    const late = placed.filter((p) => p.terminalAt === undefined || p.terminalAt - p.placedAt > 60_000);
    expect(late.map((p) => `${p.id} ${p.status ?? 'not terminal'}`)).toEqual([]);

    // None lost, none twice: the orders of the account are exactly those placed, each once.
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const res = await call(bff2.url, `/api/orders?accountId=${accountId}&size=100&page=${page}`, {
        cookie: alice,
      });
      expect(res.status).toBe(200);
      const items = res.body.items as { id: string }[];
      listed.push(...items.map((o) => o.id));
      if (items.length < 100) break;
    }
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(placed.map((p) => p.id).sort());

    // Money conserved: the cash that left the account is what the completed orders cost, fees
    // included; failed ones cost nothing; nothing stays reserved; the units bought arrived.
    const completed = placed.filter((p) => p.status === 'completed');
    const cost = completed.reduce((sum, p) => sum + cents(p.fillPrice!) + cents(p.fee ?? '0'), 0n);
    const after = await portfolio(alice);
    expect(after.reserved).toBe(0n);
    expect(cashBefore - after.cash).toBe(cost);
    expect(Number(after.quantity) - Number(holdingBefore)).toBe(completed.length);

    const byBff = (name: string) => placed.filter((p) => p.via === name).length;
    const tally = new Map<string, number>();
    for (const p of placed) tally.set(p.status ?? 'open', (tally.get(p.status ?? 'open') ?? 0) + 1);
    const statuses = [...tally].map(([status, n]) => `${n} ${status}`);
    console.log(
      `[scale-out] ${placed.length} orders placed (${byBff('bff-1')} via bff-1, ${byBff('bff-2')} via bff-2, 2 directly on orders-1/2), ` +
        `${statuses.join(', ')}, 0 lost, 0 duplicated, slowest to end ${Math.max(...placed.map((p) => p.terminalAt! - p.placedAt))} ms; ` +
        `ticks resumed ${tickGapMs} ms after the ticking market died; phase took ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(byBff('bff-1')).toBeGreaterThan(0);
    expect(byBff('bff-2')).toBeGreaterThan(0);
  }, 240_000);
});
