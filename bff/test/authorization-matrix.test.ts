import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import {
  CSRF,
  expectContract,
  fakeBuild,
  login,
  makeApp,
  publish,
  activate,
  type FakeBuild,
  type TestApp,
} from './helpers.ts';

/**
 * Every operation of bff.yaml × anonymous, alice (customer, owner), bob (another customer, on
 * alice's resources) and admin, against the real backend services (embedded, in memory). Rows run
 * in table order, each row's principals in the order anonymous, bob, alice, admin, so a command
 * that succeeds (alice cancels, admin retires) runs after those that must be refused.
 */
type Who = 'anonymous' | 'alice' | 'bob' | 'admin';
const ORDER: Who[] = ['anonymous', 'bob', 'alice', 'admin'];

interface Fixture {
  aliceOrder: string;
  aliceOrder2: string;
  aliceInvestment: string;
  draft: string;
  toPublish: string;
  toRetire: string;
  upload: FakeBuild;
  activatable: FakeBuild;
  canary: FakeBuild;
}

interface Row {
  /** The bff.yaml operation, `METHOD /path`. */
  op: string;
  /** What the row checks, when one operation has several rows. */
  note?: string;
  url: (f: Fixture, who: Who) => string;
  body?: (f: Fixture) => unknown;
  /** Sends a new `Idempotency-Key` per cell (commands that create money movements). */
  idempotent?: boolean;
  /** A fresh session per cell (the operation ends it). */
  freshSession?: boolean;
  expect: Record<Who, number>;
}

const everyone = (status: number): Record<Who, number> => ({
  anonymous: status,
  alice: status,
  bob: status,
  admin: status,
});
const users = (status: number): Record<Who, number> => ({
  anonymous: 401,
  alice: status,
  bob: status,
  admin: status,
});
const customers = (status: number): Record<Who, number> => ({
  anonymous: 401,
  alice: status,
  bob: status,
  admin: 403,
});
const admins = (status: number): Record<Who, number> => ({
  anonymous: 401,
  alice: 403,
  bob: 403,
  admin: status,
});
/** Alice's own resource: bob gets 404 (not 403), so ids cannot be probed; admins see it. */
const alicesOwn = (status: number): Record<Who, number> => ({
  anonymous: 401,
  alice: status,
  bob: 404,
  admin: status,
});
const idem = () => ({ 'idempotency-key': `matrix-${randomUUID()}` });
const strategyInput = (name: string) => ({
  name,
  description: 'Matrix test',
  riskLevel: 'low',
  timeHorizon: 'short',
  allocations: [
    { assetId: 'ACME', percentage: '60' },
    { assetId: 'GLBX', percentage: '40' },
  ],
});

const ROWS: Row[] = [
  {
    op: 'POST /api/session',
    url: () => '/api/session',
    body: () => ({ username: 'alice', password: 'alice-pass' }),
    expect: everyone(200),
  },
  {
    op: 'POST /api/session',
    note: 'wrong password',
    url: () => '/api/session',
    body: () => ({ username: 'alice', password: 'nope' }),
    expect: everyone(401),
  },
  { op: 'GET /api/session', url: () => '/api/session', expect: users(200) },
  { op: 'GET /api/session/current', url: () => '/api/session/current', expect: everyone(200) },
  { op: 'DELETE /api/session', url: () => '/api/session', freshSession: true, expect: everyone(204) },
  {
    op: 'PUT /api/session/builds',
    url: () => '/api/session/builds',
    body: () => ({ fragments: [{ name: 'orders', version: '1.0.0-0123456789', canary: false }] }),
    expect: users(204),
  },
  {
    op: 'POST /api/telemetry/traces',
    note: 'tracing is off in this app',
    url: () => '/api/telemetry/traces',
    body: () => ({ resourceSpans: [] }),
    expect: users(404),
  },
  { op: 'GET /api/flags', url: () => '/api/flags', expect: users(200) },
  { op: 'GET /api/assets', url: () => '/api/assets?type=share', expect: users(200) },
  {
    op: 'GET /api/assets/{assetId}/history',
    url: () => '/api/assets/ACME/history?range=1h',
    expect: users(200),
  },
  { op: 'GET /api/portfolio', url: () => '/api/portfolio', expect: customers(200) },
  { op: 'GET /api/fees', url: () => '/api/fees', expect: users(200) },
  { op: 'GET /api/orders', url: () => '/api/orders', expect: customers(200) },
  {
    op: 'GET /api/orders',
    note: "filtered on alice's account",
    url: () => '/api/orders?accountId=a-alice-1',
    expect: { anonymous: 401, alice: 200, bob: 403, admin: 403 },
  },
  {
    op: 'POST /api/orders',
    url: () => '/api/orders',
    idempotent: true,
    body: () => ({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      // 50.00: the minimum order value; far below ACME's price, so the order stays open.
      limitPrice: '50.00',
    }),
    expect: { anonymous: 401, alice: 201, bob: 403, admin: 403 },
  },
  { op: 'GET /api/orders/{id}', url: (f) => `/api/orders/${f.aliceOrder}`, expect: alicesOwn(200) },
  {
    op: 'GET /api/orders/{id}',
    note: 'unknown id',
    url: () => '/api/orders/o-does-not-exist',
    expect: { anonymous: 401, alice: 404, bob: 404, admin: 404 },
  },
  // Alice cancels her first order, the admin her second (each is cancelled once); bob reaches neither.
  {
    op: 'POST /api/orders/{id}/cancel',
    url: (f, who) => `/api/orders/${who === 'admin' ? f.aliceOrder2 : f.aliceOrder}/cancel`,
    expect: { anonymous: 401, alice: 202, bob: 404, admin: 202 },
  },
  { op: 'GET /api/strategies', url: () => '/api/strategies', expect: users(200) },
  {
    op: 'GET /api/strategies',
    note: 'drafts',
    url: () => '/api/strategies?status=draft',
    expect: { anonymous: 401, alice: 403, bob: 403, admin: 200 },
  },
  {
    op: 'POST /api/strategies',
    url: () => '/api/strategies',
    body: () => strategyInput('Matrix created'),
    expect: admins(201),
  },
  { op: 'GET /api/strategies/{id}', url: () => '/api/strategies/s-balanced-growth', expect: users(200) },
  {
    op: 'GET /api/strategies/{id}',
    note: 'a draft',
    url: (f) => `/api/strategies/${f.draft}`,
    expect: { anonymous: 401, alice: 404, bob: 404, admin: 200 },
  },
  {
    op: 'PUT /api/strategies/{id}',
    url: (f) => `/api/strategies/${f.draft}`,
    body: () => ({ ...strategyInput('Matrix draft v2'), expectedVersion: 1 }),
    expect: admins(200),
  },
  {
    op: 'POST /api/strategies/{id}/publish',
    url: (f) => `/api/strategies/${f.toPublish}/publish`,
    body: () => ({}),
    expect: admins(200),
  },
  {
    op: 'POST /api/strategies/{id}/retire',
    url: (f) => `/api/strategies/${f.toRetire}/retire`,
    body: () => ({}),
    expect: admins(200),
  },
  {
    op: 'POST /api/strategies/{id}/investments',
    url: () => '/api/strategies/s-balanced-growth/investments',
    idempotent: true,
    // Balanced growth needs 333.31 for every order of its split to reach the 50.00 minimum.
    body: () => ({ accountId: 'a-alice-1', amount: '400.00' }),
    expect: { anonymous: 401, alice: 201, bob: 403, admin: 403 },
  },
  { op: 'GET /api/investments', url: () => '/api/investments', expect: customers(200) },
  {
    op: 'GET /api/investments/{id}',
    url: (f) => `/api/investments/${f.aliceInvestment}`,
    expect: alicesOwn(200),
  },
  { op: 'GET /api/fragments', url: () => '/api/fragments', expect: everyone(200) },
  { op: 'GET /api/admin/fragments', url: () => '/api/admin/fragments', expect: admins(200) },
  {
    op: 'PUT /api/admin/fragments/{name}/versions/{version}',
    url: (f) => `/api/admin/fragments/${f.upload.name}/versions/${f.upload.version}`,
    body: (f) => f.upload.body,
    expect: admins(201),
  },
  {
    op: 'POST /api/admin/fragments/{name}/activate',
    url: (f) => `/api/admin/fragments/${f.activatable.name}/activate`,
    body: (f) => ({ version: f.activatable.version }),
    expect: admins(200),
  },
  // The rollback reactivates the version active before the one the row above activated.
  {
    op: 'POST /api/admin/fragments/{name}/rollback',
    url: (f) => `/api/admin/fragments/${f.activatable.name}/rollback`,
    body: () => ({}),
    expect: admins(200),
  },
  {
    op: 'PUT /api/admin/fragments/{name}/canary',
    url: (f) => `/api/admin/fragments/${f.canary.name}/canary`,
    body: (f) => ({ version: f.canary.version, percent: 10 }),
    expect: admins(200),
  },
  {
    op: 'DELETE /api/admin/fragments/{name}/canary',
    url: (f) => `/api/admin/fragments/${f.canary.name}/canary`,
    expect: admins(200),
  },
  { op: 'GET /api/admin/customers', url: () => '/api/admin/customers?page=1&size=10', expect: admins(200) },
  { op: 'GET /api/admin/orders', url: () => '/api/admin/orders?customerId=c-alice', expect: admins(200) },
  {
    op: 'GET /api/admin/orders/{id}/timeline',
    url: (f) => `/api/admin/orders/${f.aliceOrder}/timeline`,
    expect: admins(200),
  },
  { op: 'GET /api/admin/users', url: () => '/api/admin/users', expect: admins(200) },
  {
    op: 'POST /api/admin/users',
    url: () => '/api/admin/users',
    body: () => ({
      username: 'matrix-user',
      displayName: 'Matrix User',
      password: 'matrix-long-password',
      roles: ['customer'],
    }),
    expect: admins(201),
  },
  {
    op: 'PUT /api/admin/users/{id}/roles',
    url: () => '/api/admin/users/u-bob/roles',
    body: () => ({ roles: ['customer'] }),
    expect: admins(200),
  },
  {
    op: 'GET /api/admin/users/{id}/builds',
    url: () => '/api/admin/users/u-alice/builds',
    expect: admins(200),
  },
  { op: 'GET /api/admin/audit', url: () => '/api/admin/audit?action=order.place', expect: admins(200) },
  { op: 'GET /api/admin/flags', url: () => '/api/admin/flags', expect: admins(200) },
  {
    op: 'PUT /api/admin/flags',
    url: () => '/api/admin/flags',
    body: () => ({ flags: { 'matrix.flag': true } }),
    expect: admins(200),
  },
  // Deletes the flag the row above created.
  {
    op: 'DELETE /api/admin/flags/{name}',
    url: () => '/api/admin/flags/matrix.flag',
    expect: admins(200),
  },
  { op: 'GET /api/admin/system', url: () => '/api/admin/system', expect: admins(200) },
  { op: 'GET /api/health/live', url: () => '/api/health/live', expect: everyone(200) },
  { op: 'GET /api/health/ready', url: () => '/api/health/ready', expect: everyone(200) },
];

describe('authorization matrix: every operation × anonymous, customer, another customer, admin (real services)', () => {
  let services: EmbeddedServices;
  let t: TestApp;
  const cookies = {} as Record<Exclude<Who, 'anonymous'>, string>;
  let fixture: Fixture;

  const send = (
    who: Who,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    cookie?: string,
  ) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...CSRF, ...headers, ...(who === 'anonymous' ? {} : { cookie: cookie ?? cookies[who] }) },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  async function placeAliceOrder(): Promise<string> {
    const res = await send(
      'alice',
      'POST',
      '/api/orders',
      {
        accountId: 'a-alice-1',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        quantity: '1',
        // 50.00: the minimum order value; far below ACME's price, so the order stays open.
        limitPrice: '50.00',
      },
      idem(),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    // The read model follows the command: wait until the order can be read.
    // However long a loaded machine takes; the bound only stops a hang.
    // (vi.waitFor, not expect.poll: this runs in beforeAll, where expect.poll is refused.)
    await vi.waitFor(
      async () => {
        const read = await send('alice', 'GET', `/api/orders/${id}`);
        if (read.statusCode !== 200) throw new Error(`order ${id} not readable yet: ${read.statusCode}`);
      },
      { timeout: 60_000, interval: 50 },
    );
    return id;
  }

  async function adminStrategy(name: string, publishIt: boolean): Promise<string> {
    const res = await send('admin', 'POST', '/api/strategies', strategyInput(name));
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    if (publishIt)
      expect((await send('admin', 'POST', `/api/strategies/${id}/publish`, {})).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 0,
      logLevel: 'silent',
      market: { tickMs: 60_000 },
    });
    t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
    for (const who of ['alice', 'bob', 'admin'] as const) cookies[who] = await login(t.app, who);
    const invest = await send(
      'alice',
      'POST',
      '/api/strategies/s-balanced-growth/investments',
      { accountId: 'a-alice-1', amount: '400.00' },
      idem(),
    );
    expect(invest.statusCode, invest.body).toBe(201);
    const [rollbackBase, activatable, canaryBase, canary] = [
      fakeBuild('mxact', 'v1'),
      fakeBuild('mxact', 'v2'),
      fakeBuild('mxcan', 'v1'),
      fakeBuild('mxcan', 'v2'),
    ];
    for (const build of [rollbackBase, activatable, canaryBase, canary])
      expect((await publish(t.app, build)).statusCode).toBe(201);
    for (const build of [rollbackBase, canaryBase])
      expect((await activate(t.app, build)).statusCode).toBe(200);
    fixture = {
      aliceOrder: await placeAliceOrder(),
      aliceOrder2: await placeAliceOrder(),
      aliceInvestment: (invest.json() as { id: string }).id,
      draft: await adminStrategy('Matrix draft', false),
      toPublish: await adminStrategy('Matrix to publish', false),
      toRetire: await adminStrategy('Matrix to retire', true),
      upload: fakeBuild('mxup', 'v1'),
      activatable,
      canary,
    };
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
  });

  it('has a row for every operation of bff.yaml', () => {
    const spec = t.app.bff.contract.spec.paths as Record<string, Record<string, unknown>>;
    const operations = Object.entries(spec).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => m !== 'parameters')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.filter((op) => !ROWS.some((r) => r.op === op))).toEqual([]);
    expect(ROWS.filter((r) => !operations.includes(r.op)).map((r) => r.op)).toEqual([]);
  });

  it('answers each cell with its expected status, in the shape bff.yaml promises', async () => {
    const failures: string[] = [];
    for (const row of ROWS) {
      const [method = 'GET', oasPath = ''] = row.op.split(' ');
      for (const who of ORDER) {
        const cookie = row.freshSession && who !== 'anonymous' ? await login(t.app, who) : undefined;
        const res = await send(
          who,
          method,
          row.url(fixture, who),
          row.body?.(fixture),
          row.idempotent ? idem() : {},
          cookie,
        );
        const label = `${row.op}${row.note ? ` (${row.note})` : ''} as ${who}`;
        if (res.statusCode !== row.expect[who])
          failures.push(`${label}: ${res.statusCode}, expected ${row.expect[who]} ${res.body.slice(0, 200)}`);
        else expectContract(t.app, res, method, oasPath);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it("never shows bob alice's orders, accounts or investments in his lists", async () => {
    const lists = await Promise.all(
      ['/api/portfolio', '/api/orders?size=100', '/api/investments?size=100'].map((url) =>
        send('bob', 'GET', url),
      ),
    );
    for (const res of lists) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('a-alice-');
      expect(res.body).not.toContain(fixture.aliceOrder);
      expect(res.body).not.toContain(fixture.aliceInvestment);
    }
    // And alice's own lists do show them, so the check above can fail.
    const mine = await send('alice', 'GET', '/api/orders?size=100');
    expect(mine.body).toContain(fixture.aliceOrder);
  });
});
