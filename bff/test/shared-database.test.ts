import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSuite } from '@simplebank/events';
import { TEST_POSTGRES_URL, dropSchema } from '@simplebank/service-kit';
import { CSRF, activate, bearer, fakeBuild, login, makeApp, publish, type TestApp } from './helpers.ts';

// Several BFF instances share one database (bff/README.md, Scale-out): what one of them changes
// about users, sessions, the audit log, flags and the registry holds on the others at once, with
// no copy of its own loaded at start. Two apps on one PGlite stand for the embedded default's
// instances; two apps each with its own pool on one PostgreSQL schema for the scale-out shape.
const postgres = await serverSuite('PostgreSQL', '127.0.0.1', 5432);

interface Backend {
  name: string;
  skip: boolean;
  start(): Promise<[TestApp, TestApp]>;
  cleanUp(): Promise<void>;
}

const schema = `bff_t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const backends: Backend[] = [
  {
    name: 'one PGlite',
    skip: false,
    async start() {
      const a = await makeApp();
      // The same data folder: helpers.ts hands the second app the first one's database.
      const b = await makeApp({ dataDir: a.dir, registryDir: `${a.dir}/registry` });
      return [a, b];
    },
    cleanUp: async () => undefined,
  },
  {
    name: 'one PostgreSQL schema',
    skip: !postgres.run,
    async start() {
      const shared = { databaseUrl: TEST_POSTGRES_URL, databaseSchema: schema };
      // Started together: both migrate and seed the demo users at once.
      return Promise.all([makeApp(shared), makeApp(shared)]);
    },
    cleanUp: () => dropSchema(TEST_POSTGRES_URL, schema),
  },
];

describe.each(backends)('two BFF instances on $name', (backend) => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (backend.skip) return;
    [a, b] = await backend.start();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (!backend.skip) await backend.cleanUp();
  });

  const whoAmI = (t: TestApp, cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });

  it.skipIf(backend.skip)('ends a session on every instance when the user logs out on one', async () => {
    const alice = await login(a.app, 'alice');
    expect((await whoAmI(b, alice)).statusCode).toBe(200);

    const logout = await a.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { ...CSRF, cookie: alice },
    });
    expect(logout.statusCode).toBeLessThan(300);

    expect((await whoAmI(a, alice)).statusCode).toBe(401);
    expect((await whoAmI(b, alice)).statusCode).toBe(401);
  });

  it.skipIf(backend.skip)(
    'applies a role change made on one instance to the next request on another',
    async () => {
      const admin = await login(a.app, 'admin');
      const bob = await login(b.app, 'bob');
      const adminRoute = () =>
        b.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: bob } });
      expect((await adminRoute()).statusCode).toBe(403);

      const promote = await a.app.inject({
        method: 'PUT',
        url: '/api/admin/users/u-bob/roles',
        headers: { ...CSRF, cookie: admin },
        payload: { roles: ['customer', 'admin'] },
      });
      expect(promote.statusCode).toBe(200);
      expect((await adminRoute()).statusCode).toBe(200);
      expect((await whoAmI(b, bob)).json().user.roles).toEqual(['customer', 'admin']);
    },
  );

  it.skipIf(backend.skip)('lets a user created on one instance log in on the other', async () => {
    const admin = await login(a.app, 'admin');
    const username = `carol${randomUUID().slice(0, 6)}`;
    const created = await a.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { ...CSRF, cookie: admin },
      payload: { username, displayName: 'Carol', password: 'carol-long-password', roles: ['customer'] },
    });
    expect(created.statusCode).toBe(201);
    const carol = await login(b.app, username, 'carol-long-password');
    expect((await whoAmI(b, carol)).json().user.username).toBe(username);
  });

  it.skipIf(backend.skip)('shows the same audit page on both, newest first, whoever wrote it', async () => {
    const adminA = await login(a.app, 'admin');
    const adminB = await login(b.app, 'admin');
    for (const [t, cookie] of [
      [a, adminA],
      [b, adminB],
      [a, adminA],
    ] as const) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/flags',
        headers: { ...CSRF, cookie },
        payload: { flags: { 'reports.export': t === a } },
      });
      expect(res.statusCode).toBe(200);
    }
    const page = async (t: TestApp, cookie: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/admin/audit?action=flags.set&size=50',
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const [fromA, fromB] = [await page(a, adminA), await page(b, adminB)];
    expect(fromA).toEqual(fromB);
    expect(fromA.total).toBeGreaterThanOrEqual(3);
    const times = fromA.items.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    // The three changes are there, each with the request id of the instance that made it.
    expect(new Set(fromA.items.map((e: { requestId: string }) => e.requestId)).size).toBe(fromA.items.length);
  });

  it.skipIf(backend.skip)('reads the flags one instance changed on the other', async () => {
    const admin = await login(a.app, 'admin');
    const before = (
      await b.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: admin } })
    ).json();
    const changed = await a.app.inject({
      method: 'PUT',
      url: '/api/admin/flags',
      headers: { ...CSRF, cookie: admin },
      payload: { flags: { 'reports.shared': true } },
    });
    expect(changed.statusCode).toBe(200);
    const after = (
      await b.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: admin } })
    ).json();
    expect(after.version).toBe(before.version + 1);
    expect(after.flags['reports.shared']).toBe(true);
  });

  it.skipIf(backend.skip)(
    'serves a fragment deployed through one instance from the other, immutable with an ETag',
    async () => {
      const build = fakeBuild('orders', `shared-${randomUUID().slice(0, 6)}`);
      expect((await publish(a.app, build)).statusCode).toBe(201);
      expect((await activate(a.app, build)).statusCode).toBe(200);

      const list = await b.app.inject({ method: 'GET', url: '/api/fragments' });
      expect(
        list
          .json()
          .fragments.map((f: { name: string; candidates: { version: string }[] }) => [
            f.name,
            f.candidates[0]?.version,
          ]),
      ).toContainEqual(['orders', build.version]);
      const url = `/fragments/orders/${build.version}/assets/index-1.js`;
      const asset = await b.app.inject({ method: 'GET', url });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe(Buffer.from(build.body.files[2]!.contentBase64, 'base64').toString());
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
      const etag = String(asset.headers.etag);
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const again = await a.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');

      const state = await b.app.inject({ method: 'GET', url: '/api/admin/fragments', headers: bearer });
      expect(state.json().fragments.find((f: { name: string }) => f.name === 'orders').active).toBe(
        build.version,
      );
    },
  );
});
