import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { activate, fakeBuild, login, makeApp, publish, type TestApp } from './helpers.ts';
import { handshake, refusal, REFUSED } from './sockets.ts';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

function client(url: string, cookie?: string): Socket {
  return connectClient(url, {
    path: '/realtime',
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
  });
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

/** Everything a socket receives on a topic, for later inspection. */
function collect(socket: Socket, topic: string): unknown[] {
  const got: unknown[] = [];
  socket.on(topic, (m: unknown) => got.push(m));
  return got;
}

describe('realtime push', () => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const open = async (cookie?: string) => {
    const s = client(url, cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    t = await makeApp();
    url = await listen(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('refuses a connection without a valid session', async () => {
    // Refused on the transport handshake, before socket.io could restore any state.
    await expect(open()).rejects.toThrow('websocket error');
    await expect(refusal(client(url))).resolves.toMatch(REFUSED);
    await expect(refusal(client(url, 'sb_session=forged.value'))).resolves.toMatch(REFUSED);
    expect(await handshake(url)).toEqual({ status: 403, body: expect.stringContaining('unauthenticated') });
    expect(await handshake(url, { cookie: 'sb_session=forged.value' })).toEqual({
      status: 403,
      body: expect.stringContaining('unauthenticated'),
    });
  });

  it("pushes a user's messages to that user only, admin messages to admins only", async () => {
    const alice = await open(await login(t.app, 'alice'));
    const bob = await open(await login(t.app, 'bob'));
    const admin = await open(await login(t.app, 'admin'));
    const [aliceOrders, bobOrders, adminOrders] = [alice, bob, admin].map((s) => collect(s, 'orders'));
    t.app.realtime.toUser('u-alice', 'orders', { version: 3, id: 'o-1' });
    t.app.realtime.toAdmins('orders', { version: 7, id: 'o-2' });
    // Wait for what arrives, however slow the machine; then Bob, pushed at the same time, got nothing.
    await expect.poll(() => aliceOrders).toEqual([{ version: 3, id: 'o-1' }]);
    await expect.poll(() => adminOrders).toEqual([{ version: 7, id: 'o-2' }]);
    expect(bobOrders).toEqual([]);
  });

  it('tells a socket without recovered state to resync', async () => {
    const s = client(url, await login(t.app, 'bob'));
    sockets.push(s);
    const resync = new Promise((resolve) => s.once('resync', resolve));
    await connected(s);
    expect(await resync).toMatchObject({ version: 0 });
  });

  it('replays what a briefly disconnected socket missed, without asking it to resync', async () => {
    const s = connectClient(url, {
      path: '/realtime',
      transports: ['websocket'],
      extraHeaders: { cookie: await login(t.app, 'alice') },
      forceNew: true,
      reconnectionDelay: 50,
    });
    sockets.push(s);
    await connected(s);
    const got = collect(s, 'orders');
    const resyncs = collect(s, 'resync');
    t.app.realtime.toUser('u-alice', 'orders', { version: 1, id: 'o-r' });
    await expect.poll(() => got.length).toBe(1);
    // Drop the transport (not a clean disconnect): the client reconnects by itself.
    s.io.engine.close();
    await expect.poll(() => s.connected).toBe(false);
    t.app.realtime.toUser('u-alice', 'orders', { version: 2, id: 'o-r' });
    await expect.poll(() => s.connected).toBe(true);
    expect(s.recovered).toBe(true);
    await expect
      .poll(() => got)
      .toEqual([
        { version: 1, id: 'o-r' },
        { version: 2, id: 'o-r' },
      ]);
    expect(resyncs).toEqual([]);
  });

  it('pushes deployments to everyone when the registry changes', async () => {
    const s = await open(await login(t.app, 'alice'));
    const unsubscribed = await open(await login(t.app, 'bob'));
    const got = collect(s, 'deployments');
    const notAsked = collect(unsubscribed, 'deployments');
    await s.emitWithAck('subscribe', 'deployments');
    const v1 = fakeBuild('orders', 'rt');
    await publish(t.app, v1);
    const res = await activate(t.app, v1);
    await expect
      .poll(() => got)
      .toEqual([{ version: res.json().revision, name: 'orders', active: v1.version, canary: null }]);
    expect(notAsked).toEqual([]);
  });

  it('conflates price ticks per asset', async () => {
    const s = await open(await login(t.app, 'alice'));
    const got = collect(s, 'prices');
    await s.emitWithAck('subscribe', 'prices');
    for (let i = 1; i <= 10; i++)
      t.app.realtime.price('ABC', { version: i, assetId: 'ABC', price: `1.${i}` });
    t.app.realtime.price('XYZ', { version: 1, assetId: 'XYZ', price: '9.00' });
    // One message per asset, the last price: ten ticks unconflated would never equal this.
    await expect
      .poll(() => got)
      .toEqual([
        { version: 10, assetId: 'ABC', price: '1.10' },
        { version: 1, assetId: 'XYZ', price: '9.00' },
      ]);
  });

  it('gives a socket that fell behind only the latest tick of each asset it missed, once it can take more', async () => {
    const s = await open(await login(t.app, 'alice'));
    // A socket that keeps up: once it has a tick, that tick's interval has been sent.
    const witness = await open(await login(t.app, 'bob'));
    const got = collect(s, 'prices');
    const seen = collect(witness, 'prices');
    await s.emitWithAck('subscribe', 'prices');
    await witness.emitWithAck('subscribe', 'prices');
    // Its transport still writing earlier messages (what engine.io marks while a write is pending).
    const transport = t.app.realtime.io.of('/').sockets.get(s.id!)!.conn.transport;
    transport.writable = false;
    for (let i = 1; i <= 3; i++) t.app.realtime.price('ABC', { version: i, assetId: 'ABC', price: `2.${i}` });
    await expect.poll(() => seen.at(-1)).toEqual({ version: 3, assetId: 'ABC', price: '2.3' });
    t.app.realtime.price('XYZ', { version: 2, assetId: 'XYZ', price: '9.50' });
    t.app.realtime.price('ABC', { version: 4, assetId: 'ABC', price: '2.4' });
    await expect.poll(() => seen.at(-1)).toEqual({ version: 4, assetId: 'ABC', price: '2.4' });
    expect(got).toEqual([]);

    transport.writable = true;
    await expect
      .poll(() => got)
      .toEqual([
        { version: 4, assetId: 'ABC', price: '2.4' },
        { version: 2, assetId: 'XYZ', price: '9.50' },
      ]);
  });
});

const redisUp = await new Promise<boolean>((resolve) => {
  const socket = connect({ host: '127.0.0.1', port: 6379 });
  socket.setTimeout(500);
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});
if (!redisUp && process.env.SIMPLEBANK_REQUIRE_SERVERS === '1')
  throw new Error('Redis at 127.0.0.1:6379 is required (SIMPLEBANK_REQUIRE_SERVERS=1)');
if (!redisUp) console.warn('[skip] realtime scale-out tests: no Redis at 127.0.0.1:6379');

describe.skipIf(!redisUp)('two BFF instances over Redis', () => {
  it('delivers a push made on instance A to a client connected to instance B', async () => {
    const prefix = `sb-test-${process.pid}-${Date.now()}`;
    const a = await makeApp({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: prefix });
    // Same data folder, so the session made on A is valid on B (shared secret and users).
    const b = await makeApp({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: prefix,
      dataDir: a.dir,
      registryDir: `${a.dir}/registry`,
    });
    try {
      const urlB = await listen(b);
      const s = client(urlB, await login(a.app, 'alice'));
      await connected(s);
      const got = collect(s, 'orders');
      // B listens to Redis from some moment after it started: push from A until the first push
      // crosses, instead of sleeping and hoping B is ready.
      await expect
        .poll(() => {
          a.app.realtime.toUser('u-alice', 'orders', { version: 5, id: 'o-9' });
          return got.length;
        })
        .toBeGreaterThan(0);
      a.app.realtime.toUser('u-bob', 'orders', { version: 6, id: 'o-10' });
      a.app.realtime.toUser('u-alice', 'orders', { version: 7, id: 'o-11' });
      await expect.poll(() => got.at(-1)).toEqual({ version: 7, id: 'o-11' });
      // Only Alice's pushes reached her socket on B: Bob's, sent between hers, did not.
      expect(new Set(got.map((m) => (m as { id: string }).id))).toEqual(new Set(['o-9', 'o-11']));
      s.close();
    } finally {
      await b.app.close();
      await a.close();
    }
  });
});
