import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (payload: unknown, headers: Record<string, string> = CSRF) =>
    t.app.inject({ method: 'POST', url: '/api/session', headers, payload: payload as object });

  it('logs in with an httpOnly SameSite=Lax cookie (not Secure on localhost) and tells who I am', async () => {
    const res = await post({ username: 'alice', password: 'alice-pass' });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'POST', '/api/session');
    expect(res.json().user).toEqual({
      id: 'u-alice',
      username: 'alice',
      displayName: 'Alice',
      roles: ['customer'],
      customerId: 'c-alice',
    });
    const cookie = res.cookies.find((c) => c.name === 'sb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeUndefined();

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `sb_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expectContract(t.app, me, 'GET', '/api/session');
    expect(me.json().user.id).toBe('u-alice');
  });

  it('sets a Secure cookie outside localhost', async () => {
    const res = await post({ username: 'bob', password: 'bob-pass' }, { ...CSRF, host: 'bank.example.com' });
    expect(res.cookies.find((c) => c.name === 'sb_session')?.secure).toBe(true);
  });

  it('refuses a wrong password and an unknown user alike (401)', async () => {
    for (const body of [
      { username: 'alice', password: 'nope' },
      { username: 'mallory', password: 'alice-pass' },
    ]) {
      const res = await post(body);
      expect(res.statusCode).toBe(401);
      expectContract(t.app, res, 'POST', '/api/session');
      expect(res.json().error.code).toBe('invalid_credentials');
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('answers 401 to who-am-I without a session or with a forged cookie', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(none.statusCode).toBe(401);
    expectContract(t.app, none, 'GET', '/api/session');
    const forged = Buffer.from(JSON.stringify({ sid: 'x', uid: 'u-admin', exp: 9999999999 })).toString(
      'base64url',
    );
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `sb_session=${forged}.bad-signature` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('logs out: the old cookie no longer works', async () => {
    const cookie = await login(t.app, 'bob');
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { ...CSRF, cookie } });
    expect(out.statusCode).toBe(204);
    expectContract(t.app, out, 'DELETE', '/api/session');
    expect(out.cookies.find((c) => c.name === 'sb_session')?.value).toBe('');
    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('requires the CSRF header and a same or allowed Origin on state-changing requests', async () => {
    const noHeader = await post({ username: 'alice', password: 'alice-pass' }, {});
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('csrf_failed');
    expectContract(t.app, noHeader, 'POST', '/api/session');
    const evil = await post(
      { username: 'alice', password: 'alice-pass' },
      { ...CSRF, origin: 'https://evil.example' },
    );
    expect(evil.statusCode).toBe(403);
    const same = await post(
      { username: 'alice', password: 'alice-pass' },
      { ...CSRF, origin: 'http://localhost:80', host: 'localhost:80' },
    );
    expect(same.statusCode).toBe(200);
    const dev = await post(
      { username: 'alice', password: 'alice-pass' },
      { ...CSRF, origin: 'http://localhost:4100' },
    );
    expect(dev.statusCode).toBe(200);
  });

  it('answers 400 with field and reason for a body that breaks the contract', async () => {
    const res = await post({ username: 'alice' });
    expect(res.statusCode).toBe(400);
    expectContract(t.app, res, 'POST', '/api/session');
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'body.password', reason: expect.stringContaining('password') }],
    });
    const wrongType = await post({ username: 'alice', password: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.fields[0].field).toBe('body.password');
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...CSRF, 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(badJson.statusCode).toBe(400);
    expectContract(t.app, badJson, 'POST', '/api/session');
  });

  it('answers 413 to an oversized body', async () => {
    const res = await post({ username: 'alice', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('never answers 500 or leaks a stack to arbitrary login bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { ...CSRF, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expect([200, 400, 401]).toContain(res.statusCode);
        expectContract(t.app, res, 'POST', '/api/session');
        expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      }),
      { numRuns: 60 },
    );
  });

  it('checks roles on the server', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/admin/users' });
    expect(anon.statusCode).toBe(401);
    const customer = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: { cookie: await login(t.app, 'alice') },
    });
    expect(customer.statusCode).toBe(403);
    expectContract(t.app, customer, 'GET', '/api/admin/users');
    const admin = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: { cookie: await login(t.app, 'admin') },
    });
    expect(admin.statusCode).toBe(200);
    expectContract(t.app, admin, 'GET', '/api/admin/users');
    expect(admin.body).not.toContain('passwordHash');
  });

  it('records logins in the audit log, readable by admins only', async () => {
    const cookie = await login(t.app, 'admin');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=session.login&size=5',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/admin/audit');
    expect(res.json().items[0]).toMatchObject({
      action: 'session.login',
      username: 'admin',
      outcome: 'success',
    });
    const bad = await t.app.inject({ method: 'GET', url: '/api/admin/audit?size=1000', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('query.size');
  });
});

describe('login rate limit', () => {
  it('answers 429 after too many attempts for one user from one address', async () => {
    const t = await makeApp({ loginRateLimit: { max: 3, maxPerAddress: 100, timeWindowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/session',
          headers: CSRF,
          payload: { username: 'alice', password: 'wrong' },
        });
        statuses.push(res.statusCode);
        expectContract(t.app, res, 'POST', '/api/session');
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Another user is not locked out by alice's attempts.
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/session',
            headers: CSRF,
            payload: { username: 'bob', password: 'bob-pass' },
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('production settings', () => {
  it('seeds no demo user', async () => {
    const t = await makeApp({ embedded: false, sessionSecret: 'a-production-secret-of-enough-length' });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: CSRF,
        payload: { username: 'admin', password: 'admin-pass' },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});
