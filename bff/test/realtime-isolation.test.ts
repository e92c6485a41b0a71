import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { InProcessBackbone, createMessage, type Envelope } from '@simplebank/events';
import { login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';
import { collect, connected, listen, orderView, settle, socketClient } from './sockets.ts';

const at = '2026-11-26T10:00:00.000Z';
const investment = (id: string, accountId: string, version: number) => ({
  id,
  strategyId: 's-pub',
  accountId,
  amountMinor: 10_000,
  funding: 'cash' as const,
  paymentId: null,
  status: 'investing' as const,
  failureReason: null,
  orders: [],
  requestedBy: 'u-x',
  version,
  createdAt: at,
  updatedAt: at,
});

/** Events from the services' backbone (in-process here) to the sockets of the users they concern. */
describe('realtime push from the event backbone', () => {
  let services: FakeServices;
  let bus: InProcessBackbone;
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const open = async (cookie: string, reconnection = false) => {
    const s = socketClient(url, cookie, { reconnection });
    sockets.push(s);
    await connected(s);
    return s;
  };
  const publish = (message: Envelope) => bus.publish(message);

  beforeAll(async () => {
    services = await startFakeServices();
    bus = new InProcessBackbone();
    t = await makeApp({ services: services.urls }, { eventSource: bus });
    url = await listen(t.app);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
    await bus.close();
    await services.close();
  });

  it("never delivers alice's order and investment updates to bob, whatever he subscribes to", async () => {
    const alice = await open(await login(t.app, 'alice'));
    const bob = await open(await login(t.app, 'bob'));
    const admin = await open(await login(t.app, 'admin'));
    // Bob tries every way in: the topics, alice's room name, the admins' room.
    for (const topic of ['orders', 'investments', 'user:u-alice', 'admins', 'topic:orders'])
      bob.emit('subscribe', topic);
    const got = Object.fromEntries(
      (['alice', 'bob', 'admin'] as const).flatMap((who) => {
        const s = { alice, bob, admin }[who];
        return [
          [`${who}.orders`, collect(s, 'orders')],
          [`${who}.investments`, collect(s, 'investments')],
        ];
      }),
    ) as Record<string, { id: string; version: number }[]>;
    await settle(100);

    await publish(
      createMessage(
        'evt.orders.OrderViewUpdated',
        { view: orderView('o-alice-9', 'a-alice-1', 4) },
        { source: 'orders', correlationId: 'o-alice-9' },
      ),
    );
    await publish(
      createMessage(
        'evt.strategies.InvestmentRequested',
        { investment: investment('i-alice-9', 'a-alice-1', 1) },
        { source: 'strategies', correlationId: 'i-alice-9' },
      ),
    );
    await publish(
      createMessage(
        'evt.orders.OrderViewUpdated',
        { view: orderView('o-bob-9', 'a-bob-1', 2) },
        { source: 'orders', correlationId: 'o-bob-9' },
      ),
    );

    await expect.poll(() => got['admin.orders']?.length).toBe(2);
    await settle(300);
    expect(got['alice.orders']?.map((o) => [o.id, o.version])).toEqual([['o-alice-9', 4]]);
    expect(got['alice.investments']?.map((o) => [o.id, o.version])).toEqual([['i-alice-9', 1]]);
    expect(got['bob.orders']?.map((o) => [o.id, o.version])).toEqual([['o-bob-9', 2]]);
    expect(got['bob.investments']).toEqual([]);
    expect(got['admin.investments']?.map((o) => o.id)).toEqual(['i-alice-9']);
  });

  it('tells a reconnecting socket to resync when its state cannot be recovered, instead of silently missing events', async () => {
    const s = await open(await login(t.app, 'alice'), true);
    const got = collect(s, 'orders');
    const resyncs = collect(s, 'resync');
    await publish(
      createMessage(
        'evt.orders.OrderViewUpdated',
        { view: orderView('o-alice-10', 'a-alice-1', 1) },
        { source: 'orders', correlationId: 'o-alice-10' },
      ),
    );
    await expect.poll(() => got.length).toBe(1);

    // The server no longer knows this session (expired, or kept by an instance that is gone): the
    // client offers a session id the server never issued, as it would after such a loss.
    (s as unknown as { _pid: string })._pid = 'session-the-server-never-had';
    s.io.engine.close();
    await expect.poll(() => s.connected).toBe(false);
    await publish(
      createMessage(
        'evt.orders.OrderViewUpdated',
        { view: orderView('o-alice-10', 'a-alice-1', 2) },
        { source: 'orders', correlationId: 'o-alice-10' },
      ),
    );
    await settle(100);
    await expect.poll(() => s.connected).toBe(true);

    expect(s.recovered).toBe(false);
    await expect.poll(() => resyncs.length).toBe(1);
    expect(resyncs[0]).toEqual({ version: 0, reason: 'not-recovered' });
    // The update sent while it was away was not replayed: the resync is what makes the client refetch it.
    expect(got.map((o) => (o as { version: number }).version)).toEqual([1]);
    // And it is back in alice's room: the next update arrives.
    await publish(
      createMessage(
        'evt.orders.OrderViewUpdated',
        { view: orderView('o-alice-10', 'a-alice-1', 3) },
        { source: 'orders', correlationId: 'o-alice-10' },
      ),
    );
    await expect.poll(() => got.map((o) => (o as { version: number }).version)).toEqual([1, 3]);
  });
});
