import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { stat, readFile } from 'node:fs/promises';
import { FragmentRegistry } from '../src/registry/registry.ts';
import { PLATFORM_CONTRACT_VERSION } from '../src/platform-contract.ts';
import { versionFor } from '../src/registry/content-hash.ts';
import {
  activate,
  bearer,
  CSRF,
  expectContract,
  fakeBuild,
  login,
  makeApp,
  publish,
  type TestApp,
} from './helpers.ts';

const PUT_VERSION = '/api/admin/fragments/{name}/versions/{version}';

describe('fragment registry', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('publishes a version (201), treats the same content as a no-op (200) and refuses other content under that version (409)', async () => {
    const v1 = fakeBuild('orders', 'one');
    const first = await publish(t.app, v1);
    expect(first.statusCode).toBe(201);
    expectContract(t.app, first, 'PUT', PUT_VERSION);
    expect(first.json()).toMatchObject({
      name: 'orders',
      version: v1.version,
      manifestUrl: `/fragments/orders/${v1.version}/mf-manifest.json`,
    });

    const again = await publish(t.app, v1);
    expect(again.statusCode).toBe(200);
    expectContract(t.app, again, 'PUT', PUT_VERSION);

    const other = fakeBuild('orders', 'two');
    const clash = await publish(t.app, { ...other, version: v1.version });
    expect(clash.statusCode).toBe(409);
    expectContract(t.app, clash, 'PUT', PUT_VERSION);
    expect(clash.json().error.code).toBe('version_exists');
  });

  it('refuses a fragment built against another platform contract major (422)', async () => {
    const res = await publish(t.app, fakeBuild('orders', 'x', { contractVersion: '3.0.0' }));
    expect(res.statusCode).toBe(422);
    expectContract(t.app, res, 'PUT', PUT_VERSION);
    expect(res.json().error).toMatchObject({
      code: 'contract_incompatible',
      fields: [{ field: 'body.fragment.contractVersion' }],
    });
    const minor = await publish(t.app, fakeBuild('orders', 'y', { contractVersion: '2.7.2' }));
    expect(minor.statusCode).toBe(201);
  });

  it('refuses unsafe file paths and a build without mf-manifest.json', async () => {
    const build = fakeBuild('orders', 'x');
    const traversal = await publish(t.app, {
      ...build,
      body: { ...build.body, files: [...build.body.files, { path: '../state.json', contentBase64: '' }] },
    });
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().error.fields[0]).toMatchObject({ field: 'body.files.3.path' });
    const noManifest = await publish(t.app, {
      ...build,
      body: { ...build.body, files: build.body.files.filter((f) => f.path !== 'mf-manifest.json') },
    });
    expect(noManifest.statusCode).toBe(422);
  });

  it('activates a version, lists it for the shell and serves its files immutable with CORS', async () => {
    const v1 = fakeBuild('orders', 'one');
    await publish(t.app, v1);
    const act = await activate(t.app, v1);
    expect(act.statusCode).toBe(200);
    expectContract(t.app, act, 'POST', '/api/admin/fragments/{name}/activate');
    expect(act.json().fragment.active).toBe(v1.version);

    const list = await t.app.inject({ method: 'GET', url: '/api/fragments' });
    expectContract(t.app, list, 'GET', '/api/fragments');
    expect(list.json()).toEqual({
      contractVersion: PLATFORM_CONTRACT_VERSION,
      fragments: [
        {
          name: 'orders',
          title: 'orders one',
          routes: ['/orders'],
          nav: [{ label: 'orders', path: '/orders' }],
          requiredRole: null,
          channel: 'active',
          candidates: [
            {
              version: v1.version,
              contractVersion: '2.0.0',
              manifestUrl: `/fragments/orders/${v1.version}/mf-manifest.json`,
            },
          ],
        },
      ],
    });

    const manifest = await t.app.inject({
      method: 'GET',
      url: `/fragments/orders/${v1.version}/mf-manifest.json`,
      headers: { origin: 'http://localhost:4100' },
    });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.json()).toEqual({ name: 'orders', marker: 'one' });
    expect(manifest.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(manifest.headers['access-control-allow-origin']).toBe('*');
    const stored = await t.app.inject({
      method: 'GET',
      url: `/fragments/orders/${v1.version}/fragment.json`,
    });
    expect(stored.json()).toMatchObject({ name: 'orders', version: v1.version, contractVersion: '2.0.0' });
    const asset = await t.app.inject({
      method: 'GET',
      url: `/fragments/orders/${v1.version}/assets/index-1.js`,
    });
    expect(asset.body).toBe('export default "one";');

    for (const url of [
      `/fragments/orders/${v1.version}/missing.js`,
      '/fragments/state.json',
      '/fragments/orders/not-a-version/x.js',
      '/fragments/deploy-token',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('rolls back to the previously active version, and further back on a second rollback', async () => {
    const [v1, v2, v3] = ['one', 'two', 'three'].map((m) => fakeBuild('orders', m)) as [
      ReturnType<typeof fakeBuild>,
      ReturnType<typeof fakeBuild>,
      ReturnType<typeof fakeBuild>,
    ];
    for (const v of [v1, v2, v3]) {
      await publish(t.app, v);
      await activate(t.app, v);
    }
    const rollback = () =>
      t.app.inject({ method: 'POST', url: '/api/admin/fragments/orders/rollback', headers: bearer });
    const r1 = await rollback();
    expect(r1.statusCode).toBe(200);
    expectContract(t.app, r1, 'POST', '/api/admin/fragments/{name}/rollback');
    expect(r1.json().fragment.active).toBe(v2.version);
    const r2 = await rollback();
    expect(r2.json().fragment.active).toBe(v1.version);
    const r3 = await rollback();
    expect(r3.statusCode).toBe(422);
    expect(r3.json().error.code).toBe('nothing_to_roll_back');
    expectContract(t.app, r3, 'POST', '/api/admin/fragments/{name}/rollback');

    // The shell's fallbacks: the chosen version first, then earlier activations, newest first.
    await activate(t.app, v3);
    const list = (await t.app.inject({ method: 'GET', url: '/api/fragments' })).json();
    expect(list.fragments[0].candidates.map((c: { version: string }) => c.version)).toEqual([
      v3.version,
      v1.version,
    ]);
  });

  it('keeps each user in the same canary bucket across requests, for about the given share of users', async () => {
    const v1 = fakeBuild('orders', 'one');
    const v2 = fakeBuild('orders', 'two');
    await publish(t.app, v1);
    await activate(t.app, v1);
    await publish(t.app, v2);
    const canary = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/fragments/orders/canary',
      headers: bearer,
      payload: { version: v2.version, percent: 50 },
    });
    expect(canary.statusCode).toBe(200);
    expectContract(t.app, canary, 'PUT', '/api/admin/fragments/{name}/canary');

    const chosen = async (cookie: string) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/fragments', headers: { cookie } });
      expectContract(t.app, res, 'GET', '/api/fragments');
      const record = res.json().fragments[0];
      expect(record.channel).toBe(record.candidates[0].version === v2.version ? 'canary' : 'active');
      return record.candidates[0].version as string;
    };
    let canaryCount = 0;
    for (let i = 0; i < 60; i++) {
      const cookie = `sb_vid=visitor-${i}-0000`;
      const first = await chosen(cookie);
      expect(await chosen(cookie)).toBe(first);
      expect(await chosen(cookie)).toBe(first);
      if (first === v2.version) canaryCount++;
    }
    expect(canaryCount).toBeGreaterThan(15);
    expect(canaryCount).toBeLessThan(45);

    // A logged-in user is bucketed by user id, stable across sessions.
    const a = await chosen(await login(t.app, 'alice'));
    expect(await chosen(await login(t.app, 'alice'))).toBe(a);

    // Anonymous without a cookie: one is issued so the next request lands in the same bucket.
    const anon = await t.app.inject({ method: 'GET', url: '/api/fragments' });
    const vid = anon.cookies.find((c) => c.name === 'sb_vid');
    expect(vid?.httpOnly).toBe(true);
    expect(await chosen(`sb_vid=${vid?.value}`)).toBe(anon.json().fragments[0].candidates[0].version);

    const clear = await t.app.inject({
      method: 'DELETE',
      url: '/api/admin/fragments/orders/canary',
      headers: bearer,
    });
    expectContract(t.app, clear, 'DELETE', '/api/admin/fragments/{name}/canary');
    for (let i = 0; i < 10; i++) expect(await chosen(`sb_vid=visitor-${i}-0000`)).toBe(v1.version);
  });

  it('records both of two deploys running at once (no lost update)', async () => {
    const builds = ['a', 'b', 'c', 'd'].map((m) => fakeBuild('orders', m));
    await Promise.all(
      builds.map(async (b) => {
        expect((await publish(t.app, b)).statusCode).toBe(201);
        expect((await activate(t.app, b)).statusCode).toBe(200);
      }),
    );
    const state = await t.app.inject({ method: 'GET', url: '/api/admin/fragments', headers: bearer });
    expectContract(t.app, state, 'GET', '/api/admin/fragments');
    const record = state.json().fragments[0];
    expect(new Set(record.versions.map((v: { version: string }) => v.version))).toEqual(
      new Set(builds.map((b) => b.version)),
    );
    expect(new Set(record.history.map((h: { version: string }) => h.version))).toEqual(
      new Set(builds.map((b) => b.version)),
    );
    expect(state.json().revision).toBe(8);
  });

  it('loses no update when two registry instances share the database', async () => {
    // Two instances over one database stand for two BFF processes: only the row lock serialises them.
    const a = new FragmentRegistry(t.app.bff.database, '2.0.0');
    const b = new FragmentRegistry(t.app.bff.database, '2.0.0');
    const builds = Array.from({ length: 8 }, (_, i) => fakeBuild('strategies', `m${i}`));
    await Promise.all(
      builds.map((build, i) =>
        (i % 2 ? a : b).publish(
          build.name,
          build.version,
          build.body.fragment as never,
          build.body.files.map((f) => ({ path: f.path, content: Buffer.from(f.contentBase64, 'base64') })),
        ),
      ),
    );
    const doc = await a.read();
    expect(doc.fragments.strategies?.versions).toHaveLength(8);
    expect(doc.revision).toBe(8);
  });

  it('answers 409 with the current revision to a stale expectedRevision', async () => {
    const v1 = fakeBuild('orders', 'one');
    await publish(t.app, v1);
    const res = await activate(t.app, v1, 0);
    expect(res.statusCode).toBe(409);
    expectContract(t.app, res, 'POST', '/api/admin/fragments/{name}/activate');
    expect(res.json()).toMatchObject({ error: { code: 'revision_conflict' }, currentRevision: 1 });
    expect((await activate(t.app, v1, 1)).statusCode).toBe(200);
  });

  it('requires the deploy token or an admin session', async () => {
    const v1 = fakeBuild('orders', 'one');
    const url = `/api/admin/fragments/orders/versions/${v1.version}`;
    const none = await t.app.inject({ method: 'PUT', url, headers: CSRF, payload: v1.body });
    expect(none.statusCode).toBe(401);
    expectContract(t.app, none, 'PUT', PUT_VERSION);
    const wrong = await t.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: 'Bearer nope' },
      payload: v1.body,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('token_refused');
    const customer = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...CSRF, cookie: await login(t.app, 'alice') },
      payload: v1.body,
    });
    expect(customer.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/fragments' });
    expect(list.statusCode).toBe(401);
    const admin = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...CSRF, cookie: await login(t.app, 'admin') },
      payload: v1.body,
    });
    expect(admin.statusCode).toBe(201);
  });

  it('accepts uploads larger than the general body limit', async () => {
    const build = fakeBuild('orders', 'big');
    const big = { path: 'assets/big.js', contentBase64: Buffer.alloc(2 * 1024 * 1024, 7).toString('base64') };
    const files = [...build.body.files, big];
    const version = versionFor(
      '1.0.0',
      files.map((f) => ({ path: f.path, content: Buffer.from(f.contentBase64, 'base64') })),
    );
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/fragments/orders/versions/${version}`,
      headers: bearer,
      payload: { ...build.body, files },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('registry uploads (#10: public path, content hash, audit of refusals)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const manifest = (metaData: Record<string, unknown>) => ({
    id: 'orders',
    name: 'orders',
    metaData: {
      name: 'orders',
      remoteEntry: { name: 'remoteEntry-1.js', path: '', type: 'module' },
      ...metaData,
    },
  });
  const auditOf = async (action: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?action=${action}&size=100`,
      headers: { cookie: await login(t.app, 'admin') },
    });
    return (
      res.json().items as {
        outcome: string;
        detail: string | null;
        target: string;
        username: string | null;
      }[]
    ).reverse();
  };

  it("refuses a manifest whose publicPath is another origin (422 naming the file), accepts auto, relative and the registry's own origin", async () => {
    const refused = [
      { publicPath: 'https://cdn.elsewhere.example/orders/' },
      { publicPath: '//cdn.elsewhere.example/orders/' },
      { publicPath: 'javascript:alert(1)' },
      { publicPath: 'http://localhost:4999/' },
      { publicPath: 42 },
      { publicPath: 'auto', getPublicPath: 'return "https://cdn.elsewhere.example/"' },
    ];
    for (const [i, metaData] of refused.entries()) {
      const res = await publish(t.app, fakeBuild('orders', `refused-${i}`, { manifest: manifest(metaData) }));
      expect(res.statusCode, JSON.stringify(metaData)).toBe(422);
      expectContract(t.app, res, 'PUT', PUT_VERSION);
      expect(res.json().error).toMatchObject({
        code: 'public_path_refused',
        fields: [{ field: 'body.files.0.contentBase64' }],
      });
    }
    const notJson = fakeBuild('orders', 'not-json');
    notJson.body.files[0] = { path: 'mf-manifest.json', contentBase64: Buffer.from('{').toString('base64') };
    const broken = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/fragments/orders/versions/${versionFor(
        '1.0.0',
        notJson.body.files.map((f) => ({ path: f.path, content: Buffer.from(f.contentBase64, 'base64') })),
      )}`,
      headers: bearer,
      payload: notJson.body,
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('manifest_invalid');

    // Nothing refused reached the registry.
    const state = await t.app.inject({ method: 'GET', url: '/api/admin/fragments', headers: bearer });
    expect(state.json().fragments).toEqual([]);

    for (const [i, publicPath] of [
      'auto',
      '/fragments/orders/',
      './',
      'http://localhost/fragments/orders/',
    ].entries()) {
      const res = await publish(
        t.app,
        fakeBuild('orders', `ok-${i}`, { manifest: manifest({ publicPath }) }),
      );
      expect(res.statusCode, publicPath).toBe(201);
    }
  });

  it('refuses a version that does not match its content hash (422 naming the version)', async () => {
    const build = fakeBuild('orders', 'one');
    const other = fakeBuild('orders', 'two');
    const res = await publish(t.app, { ...build, version: other.version });
    expect(res.statusCode).toBe(422);
    expectContract(t.app, res, 'PUT', PUT_VERSION);
    expect(res.json().error).toMatchObject({
      code: 'version_mismatch',
      fields: [{ field: 'params.version', reason: expect.stringContaining(build.version.slice(-10)) }],
    });
    const made = await publish(t.app, { ...build, version: '1.0.0-0123456789' });
    expect(made.statusCode).toBe(422);
    expect((await publish(t.app, build)).statusCode).toBe(201);
  });

  it('audits refused attempts: no token, a wrong token, a customer session and a bad manifest', async () => {
    const build = fakeBuild('orders', 'one');
    const url = `/api/admin/fragments/orders/versions/${build.version}`;
    const attempts = [
      { headers: CSRF, status: 401 },
      { headers: { authorization: 'Bearer wrong-token' }, status: 403 },
      { headers: { ...CSRF, authorization: 'Basic abc' }, status: 401 },
      { headers: { ...CSRF, cookie: await login(t.app, 'alice') }, status: 403 },
    ];
    for (const { headers, status } of attempts) {
      const res = await t.app.inject({ method: 'PUT', url, headers, payload: build.body });
      expect(res.statusCode).toBe(status);
    }
    const activate = await t.app.inject({
      method: 'POST',
      url: '/api/admin/fragments/orders/activate',
      headers: { authorization: 'Bearer wrong-token' },
      payload: { version: build.version },
    });
    expect(activate.statusCode).toBe(403);
    const bad = await publish(
      t.app,
      fakeBuild('orders', 'bad', { manifest: manifest({ publicPath: 'https://cdn.elsewhere.example/' }) }),
    );
    expect(bad.statusCode).toBe(422);

    const published = await auditOf('fragment.publish');
    expect(published.map((e) => [e.outcome, e.detail, e.username])).toEqual([
      ['denied', 'unauthenticated', null],
      ['denied', 'token_refused', null],
      ['denied', 'unauthenticated', null],
      ['denied', 'forbidden', 'alice'],
      ['failure', 'public_path_refused', 'deploy-token'],
    ]);
    expect(published[0]?.target).toBe(`fragment:orders@${build.version}`);
    expect((await auditOf('fragment.activate')).map((e) => [e.outcome, e.detail, e.target])).toEqual([
      ['denied', 'token_refused', 'fragment:orders'],
    ]);
  });
});

describe('deploy token in the embedded default', () => {
  it('is generated once, kept in var/registry/deploy-token (mode 600) and accepted', async () => {
    const t = await makeApp({ deployToken: null });
    try {
      const file = path.join(t.dir, 'registry', 'deploy-token');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const token = (await readFile(file, 'utf8')).trim();
      expect(token.length).toBeGreaterThan(30);
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/admin/fragments',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('is off outside the embedded default unless configured', async () => {
    const t = await makeApp({
      deployToken: null,
      embedded: false,
      sessionSecret: 'production-secret-for-the-test',
    });
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/admin/fragments',
        headers: { authorization: 'Bearer anything' },
      });
      expect(res.statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});
