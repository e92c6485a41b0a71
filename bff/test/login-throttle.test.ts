import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { serverSuite } from '@simplebank/events';
import { CSRF, expectContract, makeApp, type TestApp } from './helpers.ts';

// Failed logins are limited per username and per address (bff/src/auth/login-throttle.ts); a
// successful login costs nothing, and with Redis every instance counts against one budget.

const attempt = (app: FastifyInstance, username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/session', headers: CSRF, payload: { username, password } });

async function statuses(app: FastifyInstance, username: string, password: string, times: number) {
  const got: number[] = [];
  for (let i = 0; i < times; i++) got.push((await attempt(app, username, password)).statusCode);
  return got;
}

async function withApp(overrides: Parameters<typeof makeApp>[0], run: (t: TestApp) => Promise<void>) {
  const t = await makeApp(overrides);
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

describe('login rate limit (one instance)', () => {
  it('does not count successful logins, and refuses even the right password once failures are spent', () =>
    withApp({ loginRateLimit: { max: 3, maxPerAddress: 100, timeWindowMs: 60_000 } }, async (t) => {
      expect(await statuses(t.app, 'alice', 'alice-pass', 5)).toEqual([200, 200, 200, 200, 200]);
      expect(await statuses(t.app, 'alice', 'wrong', 4)).toEqual([401, 401, 401, 429]);
      const refused = await attempt(t.app, 'alice', 'alice-pass');
      expect(refused.statusCode).toBe(429);
      expectContract(t.app, refused, 'POST', '/api/session');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().error.code).toBe('too_many_requests');
    }));

  it('starts a username afresh after a successful login', () =>
    withApp({ loginRateLimit: { max: 3, maxPerAddress: 100, timeWindowMs: 60_000 } }, async (t) => {
      expect(await statuses(t.app, 'alice', 'wrong', 2)).toEqual([401, 401]);
      expect((await attempt(t.app, 'alice', 'alice-pass')).statusCode).toBe(200);
      expect(await statuses(t.app, 'alice', 'wrong', 4)).toEqual([401, 401, 401, 429]);
    }));

  it('limits failures per address across usernames', () =>
    withApp({ loginRateLimit: { max: 100, maxPerAddress: 4, timeWindowMs: 60_000 } }, async (t) => {
      const got: number[] = [];
      for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'admin'])
        got.push((await attempt(t.app, name, 'wrong')).statusCode);
      expect(got).toEqual([401, 401, 401, 401, 429, 429]);
    }));

  it('lets no burst of concurrent guesses past the limit', () =>
    withApp({ loginRateLimit: { max: 3, maxPerAddress: 100, timeWindowMs: 60_000 } }, async (t) => {
      const got = await Promise.all(
        Array.from({ length: 10 }, () => attempt(t.app, 'alice', 'wrong').then((r) => r.statusCode)),
      );
      expect(got.filter((s) => s === 401)).toHaveLength(3);
      expect(got.filter((s) => s === 429)).toHaveLength(7);
    }));
});

const redis = await serverSuite('Redis', '127.0.0.1', 6379);

describe.skipIf(!redis.run)('login rate limit shared by two instances through Redis', () => {
  it('allows the configured number of failures across both instances together', async () => {
    const shared = {
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: `sb-test-login-${randomUUID().slice(0, 8)}`,
      loginRateLimit: { max: 4, maxPerAddress: 100, timeWindowMs: 60_000 },
    };
    const a = await makeApp(shared);
    const b = await makeApp({ ...shared, dataDir: a.dir, registryDir: `${a.dir}/registry` });
    try {
      // Successful logins on both instances spend nothing.
      expect(await statuses(a.app, 'bob', 'bob-pass', 3)).toEqual([200, 200, 200]);
      expect(await statuses(b.app, 'bob', 'bob-pass', 3)).toEqual([200, 200, 200]);
      const got: number[] = [];
      for (const app of [a.app, b.app, a.app, b.app, a.app, b.app])
        got.push((await attempt(app, 'bob', 'wrong')).statusCode);
      expect(got).toEqual([401, 401, 401, 401, 429, 429]);
      expect((await attempt(a.app, 'bob', 'bob-pass')).statusCode).toBe(429);
      expect((await attempt(b.app, 'bob', 'bob-pass')).statusCode).toBe(429);
    } finally {
      await b.app.close();
      await a.close();
    }
  });
});
