import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { serverSuite } from '@simplebank/events';
import { CSRF, login, makeApp, type TestApp } from './helpers.ts';
import {
  collect,
  collectPackets,
  connected,
  handshake,
  listen,
  recoveryIdOf,
  refusal,
  REFUSED,
  settle,
  socketClient,
} from './sockets.ts';

// A socket lives no longer than its session and sees no more than its user's current roles allow
// (bff/src/realtime/realtime.ts): logout, expiry and role changes reach open sockets at once.

const logout = (t: TestApp, cookie: string) =>
  t.app.inject({ method: 'DELETE', url: '/api/session', headers: { ...CSRF, cookie } });

const setRoles = (t: TestApp, adminCookie: string, userId: string, roles: string[]) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/admin/users/${userId}/roles`,
    headers: { ...CSRF, cookie: adminCookie },
    payload: { roles },
  });

describe('sockets end and change with their session', () => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);
  const open = async (cookie: string, opts: Parameters<typeof socketClient>[2] = {}) => {
    const s = track(socketClient(url, cookie, opts));
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    t = await makeApp();
    url = await listen(t.app);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it("disconnects a session's sockets at logout, and only that session's", async () => {
    const cookie = await login(t.app, 'alice');
    const otherDevice = await open(await login(t.app, 'alice'));
    const s = await open(cookie);
    const got = collectPackets(s, 'orders');
    const otherGot = collect(otherDevice, 'orders');

    expect((await logout(t, cookie)).statusCode).toBe(204);
    await expect.poll(() => s.connected, { timeout: 10_000 }).toBe(false);
    t.app.realtime.toUser('u-alice', 'orders', { version: 1, id: 'o-after-logout' });
    await expect.poll(() => otherGot.length, { timeout: 10_000 }).toBe(1);
    expect(got).toEqual([]);
    expect(otherDevice.connected).toBe(true);
  });

  it('refuses a reconnect carrying the old recovery id but no session, and replays it nothing', async () => {
    const cookie = await login(t.app, 'alice');
    const s = track(socketClient(url, cookie, { reconnection: false }));
    await connected(s);
    const seen = collect(s, 'orders');
    t.app.realtime.toUser('u-alice', 'orders', { version: 1, id: 'o-before' });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(1);
    const recovery = recoveryIdOf(s);
    // The transport drops (not a clean disconnect), so the server keeps its state for recovery...
    s.io.engine.close();
    await expect.poll(() => s.connected, { timeout: 10_000 }).toBe(false);
    await settle(300);
    // ...and messages missed meanwhile would be replayed to whoever recovers it.
    t.app.realtime.toUser('u-alice', 'orders', { version: 2, id: 'o-missed' });
    await settle(300);

    const noCookie = track(socketClient(url, undefined, { auth: recovery }));
    const leakedNoCookie = collectPackets(noCookie, 'orders');
    await expect(refusal(noCookie)).resolves.toMatch(REFUSED);

    expect((await logout(t, cookie)).statusCode).toBe(204);
    const revokedCookie = track(socketClient(url, cookie, { auth: recovery }));
    const leakedRevoked = collectPackets(revokedCookie, 'orders');
    await expect(refusal(revokedCookie)).resolves.toMatch(REFUSED);

    await settle(300);
    expect(leakedNoCookie).toEqual([]);
    expect(leakedRevoked).toEqual([]);
  });

  it('disconnects a socket when its session expires', async () => {
    const short = await makeApp({ sessionTtlSeconds: 4 });
    try {
      const shortUrl = await listen(short.app);
      const s = track(socketClient(shortUrl, await login(short.app, 'alice')));
      const disconnected = new Promise<string>((resolve) => s.once('disconnect', resolve));
      await connected(s);
      // Long after the expiry, whatever the machine's load; the server ends it, the client does not.
      await expect.poll(() => s.connected, { timeout: 20_000, interval: 200 }).toBe(false);
      expect(await disconnected).toBe('io server disconnect');
    } finally {
      await short.close();
    }
  });

  it("moves a user's open sockets out of and into the admins' room when the roles change", async () => {
    const admin = await login(t.app, 'admin');
    const bob = await open(await login(t.app, 'bob'));
    const bobOrders = collectPackets(bob, 'orders');

    expect((await setRoles(t, admin, 'u-bob', ['customer', 'admin'])).statusCode).toBe(200);
    await expect
      .poll(
        () => {
          t.app.realtime.toAdmins('orders', { version: 1, id: 'o-everyone' });
          return bobOrders.length;
        },
        { timeout: 10_000, interval: 300 },
      )
      .toBeGreaterThan(0);

    expect((await setRoles(t, admin, 'u-bob', ['customer'])).statusCode).toBe(200);
    // socketsLeave is applied before the response is sent on this instance; still, let it settle.
    await settle(300);
    bobOrders.length = 0;
    t.app.realtime.toAdmins('orders', { version: 2, id: 'o-everyone' });
    t.app.realtime.toUser('u-bob', 'orders', { version: 1, id: 'o-bob' });
    await expect.poll(() => bobOrders.length, { timeout: 10_000 }).toBe(1);
    await settle(300);
    expect(bobOrders).toEqual([{ version: 1, id: 'o-bob' }]);
    expect(bob.connected).toBe(true);
  });

  it("refuses a socket opened from another origin's page, admits our own and allowed ones", async () => {
    const cookie = await login(t.app, 'alice');
    await expect(
      refusal(track(socketClient(url, cookie, { origin: 'http://evil.example' }))),
    ).resolves.toMatch(REFUSED);
    // Another origin of the same site (another port of this host) is another origin too.
    const port = Number(new URL(url).port);
    await expect(
      refusal(track(socketClient(url, cookie, { origin: `http://127.0.0.1:${port + 1}` }))),
    ).resolves.toMatch(REFUSED);
    expect(await handshake(url, { cookie, origin: 'http://evil.example' })).toEqual({
      status: 403,
      body: expect.stringContaining('origin not allowed'),
    });

    const own = await open(cookie, { origin: url });
    expect(own.connected).toBe(true);
    // ALLOWED_ORIGINS: outside production the dev servers' origins (bff/src/config.ts).
    const dev = await open(cookie, { origin: 'http://localhost:4100' });
    expect(dev.connected).toBe(true);
  });
});

const redis = await serverSuite('Redis', '127.0.0.1', 6379);

describe.skipIf(!redis.run)('sockets end and change with their session on every instance (Redis)', () => {
  const prefix = `sb-test-sessions-${randomUUID().slice(0, 8)}`;
  let a: TestApp;
  let b: TestApp;
  let urlB: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await makeApp({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: prefix });
    // Same data folder: a session made on A is valid on B (shared secret and users).
    b = await makeApp({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: prefix,
      dataDir: a.dir,
      registryDir: `${a.dir}/registry`,
    });
    await listen(a.app);
    urlB = await listen(b.app);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b.app.close();
    await a.close();
  });

  const openOnB = async (cookie: string) => {
    const s = socketClient(urlB, cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };

  it('disconnects the sockets on another instance at logout', async () => {
    const cookie = await login(a.app, 'alice');
    const s = await openOnB(cookie);
    const got = collectPackets(s, 'orders');
    await settle(300);

    expect((await logout(a, cookie)).statusCode).toBe(204);
    await expect.poll(() => s.connected, { timeout: 10_000 }).toBe(false);
    a.app.realtime.toUser('u-alice', 'orders', { version: 1, id: 'o-after-logout' });
    await settle(500);
    expect(got).toEqual([]);
  });

  it("takes a demoted admin's sockets on another instance out of the admins' room at once", async () => {
    const admin = await login(a.app, 'admin');
    expect((await setRoles(a, admin, 'u-bob', ['customer', 'admin'])).statusCode).toBe(200);
    const bob = await openOnB(await login(b.app, 'bob'));
    const bobOrders = collectPackets(bob, 'orders');
    await settle(300);
    a.app.realtime.toAdmins('orders', { version: 1, id: 'o-alice' });
    await expect.poll(() => bobOrders.length, { timeout: 10_000 }).toBe(1);

    expect((await setRoles(a, admin, 'u-bob', ['customer'])).statusCode).toBe(200);
    await settle(500);
    bobOrders.length = 0;
    a.app.realtime.toAdmins('orders', { version: 2, id: 'o-alice' });
    a.app.realtime.toUser('u-bob', 'orders', { version: 1, id: 'o-bob' });
    await expect.poll(() => bobOrders.length, { timeout: 10_000 }).toBe(1);
    await settle(500);
    expect(bobOrders).toEqual([{ version: 1, id: 'o-bob' }]);
  });
});
