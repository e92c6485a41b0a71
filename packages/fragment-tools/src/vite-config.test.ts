import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fragmentJsonPlugin, fragmentMeta } from './fragment-json-plugin.ts';
import { sharedSingletons } from './shared.ts';
import { defineFragmentConfig } from './vite-config.ts';

let root: string;
const orders = {
  name: 'orders',
  title: 'Orders',
  routes: ['/trade'],
  nav: [{ label: 'Trade', path: '/trade' }],
  requiredRole: 'customer',
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fragment-'));
  writeFileSync(path.join(root, 'fragment.config.json'), JSON.stringify(orders));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function pluginNames(plugins: PluginOption[] | undefined): string[] {
  return (plugins ?? [])
    .flat(Infinity as 1)
    .flatMap((p) => (p && typeof p === 'object' && 'name' in p ? [(p as Plugin).name] : []));
}

describe('defineFragmentConfig', () => {
  it('builds a relocatable remote with the release note baked in', () => {
    // The federation plugin turns itself off under Vitest unless told otherwise.
    process.env.MFE_VITE_NO_TEST_ENV_CHECK = 'true';
    const config = defineFragmentConfig({ root, port: 4101, releaseNote: 'second build' })({
      command: 'build',
    });
    expect(config.base).toBe('./');
    expect(config.publicDir).toBe(false);
    expect(config.build?.outDir).toBe(path.join(root, 'dist'));
    expect(config.define).toEqual({ __FRAGMENT_RELEASE_NOTE__: JSON.stringify('second build') });
    expect(config.server?.port).toBe(4101);
    expect(config.preview?.port).toBe(4101);
    expect(pluginNames(config.plugins)).toContain('simplebank:fragment-json');
    expect(pluginNames(config.plugins)).toContain('vite:module-federation-config');
    delete process.env.MFE_VITE_NO_TEST_ENV_CHECK;
  });

  it('fails the build on an invalid fragment.config.json', () => {
    writeFileSync(path.join(root, 'fragment.config.json'), JSON.stringify({ ...orders, routes: [] }));
    expect(() => defineFragmentConfig({ root, port: 4101 })({ command: 'build' })).toThrow(/routes/);
  });
});

describe('fragmentJsonPlugin', () => {
  it('emits fragment.json with the contract version and, when set, the release note', () => {
    const emitted: { fileName?: string; source?: unknown }[] = [];
    const plugin = fragmentJsonPlugin(
      fragmentMeta({ ...orders, requiredRole: 'customer' }, '1.0.0', 'hotfix'),
    );
    const generate = plugin.generateBundle as (this: unknown) => void;
    generate.call({ emitFile: (file: { fileName: string; source: unknown }) => emitted.push(file) });
    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.fileName).toBe('fragment.json');
    expect(JSON.parse(String(emitted[0]?.source))).toEqual({
      ...orders,
      contractVersion: '1.0.0',
      releaseNote: 'hotfix',
    });
  });

  it('leaves the release note out when empty, so default builds stay identical', () => {
    expect(fragmentMeta({ ...orders, requiredRole: 'customer' }, '1.0.0', '')).not.toHaveProperty(
      'releaseNote',
    );
  });
});

describe('sharedSingletons', () => {
  it('shares the platform and its peers as singletons, eager only on request', () => {
    const remote = sharedSingletons();
    // Not react-router: routing is reached through the platform, so only what is used is shared.
    expect(Object.keys(remote)).toEqual([
      'react',
      'react-dom',
      '@tanstack/react-query',
      'socket.io-client',
      '@simplebank/platform',
    ]);
    expect(Object.values(remote).every((s) => s.singleton && s.eager === undefined)).toBe(true);
    expect(Object.values(sharedSingletons({ eager: true })).every((s) => s.eager)).toBe(true);
  });
});
