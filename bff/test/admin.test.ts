import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_DEFAULT_FLAGS } from '../src/flags/flag-store.ts';
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

describe('flags, users and roles', () => {
  let t: TestApp;
  let admin: string;
  let alice: string;
  beforeAll(async () => {
    t = await makeApp();
    admin = await login(t.app, 'admin');
    alice = await login(t.app, 'alice');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets admins set flags that every user reads, with a version bump', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/flags',
      headers: { ...CSRF, cookie: admin },
      payload: { flags: { 'orders.newTradeForm': true } },
    });
    expect(put.statusCode).toBe(200);
    expectContract(t.app, put, 'PUT', '/api/admin/flags');
    // The embedded default starts with the product's flags on; the new one joins them.
    expect(put.json()).toEqual({
      flags: { ...EMBEDDED_DEFAULT_FLAGS, 'orders.newTradeForm': true },
      targeting: {},
      version: 1,
    });
    const read = await t.app.inject({ method: 'GET', url: '/api/flags', headers: { cookie: alice } });
    expectContract(t.app, read, 'GET', '/api/flags');
    expect(read.json().flags['orders.newTradeForm']).toBe(true);
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/flags',
      headers: { ...CSRF, cookie: alice },
      payload: { flags: { x: false } },
    });
    expect(denied.statusCode).toBe(403);
    const invalid = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/flags',
      headers: { ...CSRF, cookie: admin },
      payload: { flags: { x: 'yes' } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields[0].field).toBe('body.flags.x');
  });

  it('changes roles, effective on the next request of that user, and refuses self-demotion', async () => {
    const bob = await login(t.app, 'bob');
    const promote = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/users/u-bob/roles',
      headers: { ...CSRF, cookie: admin },
      payload: { roles: ['customer', 'admin'] },
    });
    expect(promote.statusCode).toBe(200);
    expectContract(t.app, promote, 'PUT', '/api/admin/users/{id}/roles');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: bob } })).statusCode,
    ).toBe(200);
    const self = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/users/u-admin/roles',
      headers: { ...CSRF, cookie: admin },
      payload: { roles: ['customer'] },
    });
    expect(self.statusCode).toBe(422);
    expectContract(t.app, self, 'PUT', '/api/admin/users/{id}/roles');
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/users/u-nobody/roles',
      headers: { ...CSRF, cookie: admin },
      payload: { roles: ['customer'] },
    });
    expect(unknown.statusCode).toBe(404);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=user.roles',
      headers: { cookie: admin },
    });
    expect(audit.json().items.map((e: { target: string }) => e.target)).toEqual([
      'user:u-nobody',
      'user:u-bob',
    ]);
  });

  it('creates a user who can log in, audited without the password, and refuses a taken username', async () => {
    const payload = {
      username: 'carol',
      displayName: 'Carol Teller',
      password: 'carol-long-password',
      roles: ['admin'],
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { ...CSRF, cookie: admin },
      payload,
    });
    expect(created.statusCode).toBe(201);
    expectContract(t.app, created, 'POST', '/api/admin/users');
    expect(created.json()).toMatchObject({
      username: 'carol',
      displayName: 'Carol Teller',
      roles: ['admin'],
    });
    expect(created.json()).not.toHaveProperty('password');
    const carol = await login(t.app, 'carol', 'carol-long-password');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: carol } })).statusCode,
    ).toBe(200);

    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { ...CSRF, cookie: admin },
      payload: { ...payload, password: 'another-password' },
    });
    expect(taken.statusCode).toBe(409);
    expectContract(t.app, taken, 'POST', '/api/admin/users');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { ...CSRF, cookie: admin },
      payload: { ...payload, username: 'dave', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const byCustomer = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { ...CSRF, cookie: alice },
      payload: { ...payload, username: 'eve' },
    });
    expect(byCustomer.statusCode).toBe(403);

    const audit = (
      await t.app.inject({
        method: 'GET',
        url: '/api/admin/audit?action=user.create',
        headers: { cookie: admin },
      })
    ).json();
    expect(audit.items.map((e: { outcome: string }) => e.outcome)).toEqual(['failure', 'success']);
    expect(JSON.stringify(audit)).not.toContain('carol-long-password');
  });

  it('searches the audit log by request id and by date', async () => {
    const before = new Date().toISOString();
    const change = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/users/u-alice/roles',
      headers: { ...CSRF, cookie: admin, 'x-request-id': 'req-audit-search-1' },
      payload: { roles: ['customer'] },
    });
    expect(change.statusCode).toBe(200);
    const byRequest = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?requestId=req-audit-search-1',
      headers: { cookie: admin },
    });
    expectContract(t.app, byRequest, 'GET', '/api/admin/audit');
    expect(byRequest.json().items).toEqual([
      expect.objectContaining({
        action: 'user.roles',
        target: 'user:u-alice',
        requestId: 'req-audit-search-1',
        username: 'admin',
      }),
    ]);
    const since = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?from=${encodeURIComponent(before)}`,
      headers: { cookie: admin },
    });
    expect(since.json().items.map((e: { requestId: string }) => e.requestId)).toEqual(['req-audit-search-1']);
    const until = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?to=${encodeURIComponent(before)}&requestId=req-audit-search-1`,
      headers: { cookie: admin },
    });
    expect(until.json().total).toBe(0);
    const badDate = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?from=yesterday',
      headers: { cookie: admin },
    });
    expect(badDate.statusCode).toBe(400);
    // The BFF names query fields `querystring.<name>` today (see session.test.ts), docs say `query.<name>`.
    expect(badDate.json().error.fields[0].field).toMatch(/^query(string)?\.from$/);
  });

  it('ends a canary when another version is activated, and audits registry changes by the token', async () => {
    const [v1, v2, v3] = ['a', 'b', 'c'].map((m) => fakeBuild('admin', m)) as [
      ReturnType<typeof fakeBuild>,
      ReturnType<typeof fakeBuild>,
      ReturnType<typeof fakeBuild>,
    ];
    for (const v of [v1, v2, v3]) await publish(t.app, v);
    await activate(t.app, v1);
    await t.app.inject({
      method: 'PUT',
      url: '/api/admin/fragments/admin/canary',
      headers: bearer,
      payload: { version: v2.version, percent: 100 },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/fragments' })).json().fragments[0].channel).toBe(
      'canary',
    );
    const act = await activate(t.app, v3);
    expect(act.json().fragment.canary).toBeNull();
    const list = await t.app.inject({ method: 'GET', url: '/api/fragments' });
    expect(list.json().fragments[0]).toMatchObject({
      channel: 'active',
      candidates: [{ version: v3.version }, { version: v1.version }],
    });
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=fragment.activate',
      headers: { cookie: admin },
    });
    expect(audit.json().items[0]).toMatchObject({
      username: 'deploy-token',
      target: `fragment:admin@${v3.version}`,
      outcome: 'success',
    });
  });
});
