import { describe, expect, it, vi } from 'vitest';
import { candidate } from '../test/records.ts';
import { createFederationLoader, type FederationRuntime } from './federation-loader.ts';

function Orders() {
  return null;
}

function fakeRuntime(results: Array<'fail' | 'ok'>) {
  const runtime = {
    registerRemotes: vi.fn(),
    loadRemote: vi.fn(async () => {
      const next = results.shift();
      if (next === 'fail') throw new Error('manifest unreachable');
      return { default: Orders };
    }),
  };
  return runtime as typeof runtime & FederationRuntime;
}

const v1 = candidate('orders', '1.0.0-aaaaaaaaaa');
const v2 = candidate('orders', '1.0.1-bbbbbbbbbb');

describe('createFederationLoader', () => {
  it('registers the remote from the registry URL and loads ./Fragment', async () => {
    const runtime = fakeRuntime(['ok']);
    const loader = createFederationLoader(runtime, 'http://localhost:3000/trade');
    await expect(loader.load('orders', v1, { fresh: false })).resolves.toBe(Orders);
    expect(runtime.registerRemotes).toHaveBeenCalledWith(
      [{ name: 'orders', entry: 'http://localhost:3000/fragments/orders/1.0.0-aaaaaaaaaa/mf-manifest.json' }],
      { force: false },
    );
    expect(runtime.loadRemote).toHaveBeenCalledWith('orders/Fragment');
  });

  it('reuses a successful load', async () => {
    const runtime = fakeRuntime(['ok']);
    const loader = createFederationLoader(runtime, 'http://localhost:3000/');
    await loader.load('orders', v1, { fresh: false });
    await loader.load('orders', v1, { fresh: false });
    expect(runtime.loadRemote).toHaveBeenCalledTimes(1);
    expect(runtime.registerRemotes).toHaveBeenCalledTimes(1);
  });

  it('forgets a failure and re-registers with force on retry', async () => {
    const runtime = fakeRuntime(['fail', 'ok']);
    const loader = createFederationLoader(runtime, 'http://localhost:3000/');
    await expect(loader.load('orders', v1, { fresh: false })).rejects.toThrow('manifest unreachable');
    await expect(loader.load('orders', v1, { fresh: true })).resolves.toBe(Orders);
    expect(runtime.registerRemotes).toHaveBeenLastCalledWith([expect.objectContaining({ name: 'orders' })], {
      force: true,
    });
  });

  it('re-registers with force when another version is chosen', async () => {
    const runtime = fakeRuntime(['ok', 'ok']);
    const loader = createFederationLoader(runtime, 'http://localhost:3000/');
    await loader.load('orders', v1, { fresh: false });
    await loader.load('orders', v2, { fresh: false });
    expect(runtime.registerRemotes).toHaveBeenLastCalledWith(
      [{ name: 'orders', entry: 'http://localhost:3000/fragments/orders/1.0.1-bbbbbbbbbb/mf-manifest.json' }],
      { force: true },
    );
  });

  it('gives up on a remote that never answers, and forgets it so a retry can succeed', async () => {
    vi.useFakeTimers();
    const runtime = fakeRuntime(['ok']);
    runtime.loadRemote.mockImplementationOnce(() => new Promise(() => {}));
    const loader = createFederationLoader(runtime, 'http://localhost:3000/', 5_000);
    const hanging = loader.load('orders', v1, { fresh: false });
    const outcome = expect(hanging).rejects.toThrow('did not load within 5 s');
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;
    vi.useRealTimers();
    await expect(loader.load('orders', v1, { fresh: true })).resolves.toBe(Orders);
  });

  it('rejects a module without a default component', async () => {
    const runtime = fakeRuntime([]);
    runtime.loadRemote.mockResolvedValueOnce(null as never);
    const loader = createFederationLoader(runtime, 'http://localhost:3000/');
    await expect(loader.load('orders', v1, { fresh: false })).rejects.toThrow(/did not export a component/);
  });
});
