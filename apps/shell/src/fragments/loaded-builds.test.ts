import { describe, expect, it, vi } from 'vitest';
import { ordersRecord } from '../test/records.ts';
import { LoadedBuilds, buildOf } from './loaded-builds.ts';

const candidate = (version: string) => ({
  version,
  contractVersion: '2.0.0',
  manifestUrl: `/fragments/orders/${version}/mf-manifest.json`,
});

describe('buildOf', () => {
  it("is a canary only for the registry's canary choice", () => {
    const canary = candidate('1.1.0-bbbbbbbbbb');
    const stable = candidate('1.0.0-aaaaaaaaaa');
    const record = ordersRecord({ channel: 'canary', candidates: [canary, stable] });
    expect(buildOf(record, canary)).toEqual({ name: 'orders', version: canary.version, canary: true });
    // The shell fell back to an older version (contract major): that one is no canary.
    expect(buildOf(record, stable).canary).toBe(false);
    expect(buildOf(ordersRecord(), stable).canary).toBe(false);
  });
});

describe('LoadedBuilds', () => {
  it('tells its listeners of changes only, and lists one build per fragment', () => {
    const builds = new LoadedBuilds();
    const listener = vi.fn();
    builds.subscribe(listener);
    const orders = { name: 'orders', version: '1.0.0-aaaaaaaaaa', canary: false };
    builds.add(orders);
    builds.add({ ...orders });
    expect(listener).toHaveBeenCalledTimes(1);
    builds.add({ name: 'admin', version: '1.0.0-cccccccccc', canary: false });
    builds.add({ ...orders, version: '1.1.0-bbbbbbbbbb', canary: true });
    expect(listener).toHaveBeenCalledTimes(3);
    expect(builds.list().map((b) => `${b.name}@${b.version}`)).toEqual([
      'admin@1.0.0-cccccccccc',
      'orders@1.1.0-bbbbbbbbbb',
    ]);
  });
});
