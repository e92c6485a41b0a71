import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { UserStore, SessionUser } from '../src/auth/user-store.ts';
import type { Downstreams } from '../src/downstream/downstreams.ts';
import { EventBridge } from '../src/realtime/event-bridge.ts';
import type { Realtime } from '../src/realtime/realtime.ts';
import { orderView } from './sockets.ts';

// The push bridge's account → owner cache: bounded, aged, and never stale about users.
function bridge(owners: Record<string, string>, users: SessionUser[], cache = { max: 2, ttlMs: 60_000 }) {
  const lookups: string[] = [];
  const pushed: { userId: string; orderId: string }[] = [];
  const downstreams = {
    api: () => ({
      GET: async (_path: string, init: { params: { query: { ids: string } } }) => {
        const ids = init.params.query.ids;
        lookups.push(ids);
        const customerId = owners[ids];
        return { data: { items: customerId ? [{ id: ids, customerId }] : [] }, response: new Response() };
      },
    }),
  } as unknown as Downstreams;
  const realtime = {
    toUser: (userId: string, _topic: string, order: { id: string }) =>
      pushed.push({ userId, orderId: order.id }),
    toAdmins: () => undefined,
  } as unknown as Realtime;
  // Read at each push, like the database-backed store: a user added later counts at once.
  const store = {
    idsOfCustomer: async (customerId: string) =>
      users.filter((u) => u.customerId === customerId).map((u) => u.id),
  } as unknown as UserStore;
  const b = new EventBridge(realtime, store, downstreams, pino({ level: 'silent' }), cache);
  const push = (orderId: string, accountId: string) =>
    b.handle({ type: 'evt.orders.OrderViewUpdated', data: { view: orderView(orderId, accountId, 1) } });
  return { b, lookups, pushed, push };
}

const user = (id: string, customerId: string): SessionUser => ({
  id,
  username: id,
  displayName: id,
  roles: ['customer'],
  customerId,
});

describe('push bridge owner cache', () => {
  it('looks an account up once while remembered, and remembers at most `max` accounts', async () => {
    const { b, lookups, push } = bridge({ a1: 'c1', a2: 'c2', a3: 'c3' }, [user('u1', 'c1')]);
    await push('o1', 'a1');
    await push('o2', 'a1');
    expect(lookups).toEqual(['a1']);
    await push('o3', 'a2');
    await push('o4', 'a3');
    expect(b.cachedAccounts).toBe(2);
    // a1 was the least recently used: it was dropped and is looked up again.
    await push('o5', 'a1');
    expect(lookups).toEqual(['a1', 'a2', 'a3', 'a1']);
  });

  it('forgets an owner after its time to live', async () => {
    const { lookups, push } = bridge({ a1: 'c1' }, [user('u1', 'c1')], { max: 10, ttlMs: 20 });
    await push('o1', 'a1');
    await expect
      .poll(async () => {
        await push('o2', 'a1');
        return lookups.length;
      })
      .toBeGreaterThan(1);
  });

  it("reaches a user added to the account's customer after the owner was cached", async () => {
    const users = [user('u1', 'c1')];
    const { pushed, push, lookups } = bridge({ a1: 'c1' }, users);
    await push('o1', 'a1');
    users.push(user('u2', 'c1'));
    await push('o2', 'a1');
    expect(lookups).toEqual(['a1']);
    expect(pushed).toEqual([
      { userId: 'u1', orderId: 'o1' },
      { userId: 'u1', orderId: 'o2' },
      { userId: 'u2', orderId: 'o2' },
    ]);
  });

  it('does not remember an account the accounts service does not know yet', async () => {
    const owners: Record<string, string> = {};
    const { pushed, push, lookups } = bridge(owners, [user('u1', 'c1')]);
    await push('o1', 'a-new');
    owners['a-new'] = 'c1';
    await push('o2', 'a-new');
    expect(lookups).toEqual(['a-new', 'a-new']);
    expect(pushed).toEqual([{ userId: 'u1', orderId: 'o2' }]);
  });
});
