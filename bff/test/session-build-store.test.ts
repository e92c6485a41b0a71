import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbSessionBuildStore, buildAttributes } from '../src/builds/session-builds.ts';
import { makeApp, type TestApp } from './helpers.ts';

const orders = { name: 'orders', version: '1.1.0-abcdef0123', canary: true };

describe('DbSessionBuildStore', () => {
  // The BFF's migrated database (an in-memory PGlite), as every instance on it would share.
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a report taken by another instance sharing the database', async () => {
    const one = new DbSessionBuildStore(t.app.bff.database);
    const two = new DbSessionBuildStore(t.app.bff.database);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    await one.record({ sid: 's1', userId: 'u-alice', exp, fragments: [orders] });
    expect(await two.ofSession('s1')).toEqual([orders]);
    // A later report from the same session replaces the earlier one, on both.
    const stable = { ...orders, version: '1.0.0-0123456789', canary: false };
    await two.record({ sid: 's1', userId: 'u-alice', exp, fragments: [stable] });
    expect(await one.ofSession('s1')).toEqual([stable]);
    expect((await one.ofUser('u-alice')).map((s) => s.sid)).toEqual(['s1']);
  });

  it('forgets a report when its session expires', async () => {
    let now = Date.now();
    const store = new DbSessionBuildStore(t.app.bff.database, () => now);
    await store.record({ sid: 's1', userId: 'u-bob', exp: Math.floor(now / 1000) + 60, fragments: [orders] });
    now += 61_000;
    expect(await store.ofSession('s1')).toBeNull();
    expect(await store.ofUser('u-bob')).toEqual([]);
  });
});

describe('buildAttributes', () => {
  it('names each fragment in the attribute keys', () => {
    expect(buildAttributes([orders])).toEqual({
      'simplebank.fragment.orders.version': '1.1.0-abcdef0123',
      'simplebank.fragment.orders.canary': true,
    });
  });
});
