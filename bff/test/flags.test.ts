import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';

function client(url: string, cookie: string): Socket {
  return connectClient(url, {
    path: '/realtime',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
}

/** A connected socket subscribed to `flags`, with the next message it receives on that topic. */
async function subscribed(
  url: string,
  cookie: string,
): Promise<{ socket: Socket; next: () => Promise<unknown> }> {
  const socket = client(url, cookie);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.emit('subscribe', 'flags');
  return { socket, next: () => new Promise((resolve) => socket.once('flags', resolve)) };
}

describe('feature flags targeted by role', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  let alice: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await makeApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}`;
    admin = await login(t.app, 'admin');
    alice = await login(t.app, 'alice');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const put = (payload: Record<string, unknown>, cookie = admin) =>
    t.app.inject({ method: 'PUT', url: '/api/admin/flags', headers: { ...CSRF, cookie }, payload });
  const flagsOf = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/flags', headers: { cookie } })).json().flags;

  it('turns a targeted flag on only for the roles it targets', async () => {
    const res = await put({
      flags: { 'orders.limitOrders': true },
      targeting: { 'orders.limitOrders': ['admin'] },
    });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'PUT', '/api/admin/flags');
    expect(res.json()).toMatchObject({
      flags: { 'orders.limitOrders': true },
      targeting: { 'orders.limitOrders': ['admin'] },
    });
    expect((await flagsOf(alice))['orders.limitOrders']).toBe(false);
    expect((await flagsOf(admin))['orders.limitOrders']).toBe(true);

    const read = await t.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: admin } });
    expectContract(t.app, read, 'GET', '/api/admin/flags');
    expect(read.json().targeting).toEqual({ 'orders.limitOrders': ['admin'] });

    // Removing the targeting turns it on for everyone again; switching it off wins over targeting.
    await put({ targeting: { 'orders.limitOrders': null } });
    expect((await flagsOf(alice))['orders.limitOrders']).toBe(true);
    await put({ flags: { 'orders.limitOrders': false }, targeting: { 'orders.limitOrders': ['customer'] } });
    expect((await flagsOf(alice))['orders.limitOrders']).toBe(false);
  });

  it('pushes each subscriber the flags as their roles see them', async () => {
    const customer = await subscribed(url, alice);
    const staff = await subscribed(url, admin);
    sockets.push(customer.socket, staff.socket);
    // `subscribe` is a socket event and the PUT an HTTP request: wait until both sockets joined.
    await vi.waitFor(async () =>
      expect(await t.app.realtime.io.in('topic:flags').fetchSockets()).toHaveLength(2),
    );
    const [forAlice, forAdmin] = [customer.next(), staff.next()];
    const res = await put({
      flags: { 'strategies.invest': true },
      targeting: { 'strategies.invest': ['customer'] },
    });
    const version = res.json().version;
    expect(await forAlice).toMatchObject({ version, flags: { 'strategies.invest': true } });
    expect(await forAdmin).toMatchObject({ version, flags: { 'strategies.invest': false } });
  });

  it('refuses an empty change, an unknown role and a customer', async () => {
    expect((await put({})).statusCode).toBe(400);
    expect((await put({ targeting: { 'orders.limitOrders': ['teller'] } })).statusCode).toBe(400);
    expect((await put({ targeting: { 'orders.limitOrders': [] } })).statusCode).toBe(400);
    expect((await put({ flags: { x: true } }, alice)).statusCode).toBe(403);
  });
});
