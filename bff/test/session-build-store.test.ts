import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonSessionBuildStore, buildAttributes } from '../src/builds/session-builds.ts';

const orders = { name: 'orders', version: '1.1.0-abcdef0123', canary: true };

describe('JsonSessionBuildStore', () => {
  it('answers a report taken by another instance sharing the folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-builds-'));
    const one = new JsonSessionBuildStore(dir);
    const two = new JsonSessionBuildStore(dir);
    await Promise.all([one.init(), two.init()]);
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
    const store = new JsonSessionBuildStore(await mkdtemp(path.join(tmpdir(), 'sb-builds-')), () => now);
    await store.init();
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
