import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';

/**
 * #10 defect 8: idempotency keys were one key space for everyone, so bob reusing alice's key got
 * 409 (and learnt that the key exists). Against the real services, which keep the keys unique.
 */
describe('idempotency keys are scoped per user', () => {
  let services: EmbeddedServices;
  let t: TestApp;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 0,
      logLevel: 'silent',
      market: { tickMs: 60_000 },
    });
    t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
    alice = await login(t.app, 'alice');
    bob = await login(t.app, 'bob');
  }, 400_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
  });

  const placeOrder = (cookie: string, key: string, accountId: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie, 'idempotency-key': key },
      payload: { accountId, assetId: 'ACME', side: 'buy', type: 'limit', quantity: '1', limitPrice: '60.00' },
    });
  const invest = (cookie: string, key: string, accountId: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-balanced-growth/investments',
      headers: { ...CSRF, cookie, 'idempotency-key': key },
      payload: { accountId, amount: '400.00' },
    });

  it('gives bob his own order for a key alice used, and alice hers again on a replay', async () => {
    const key = `shared-${randomUUID()}`;
    const first = await placeOrder(alice, key, 'a-alice-1');
    expect(first.statusCode, first.body).toBe(201);
    expectContract(t.app, first, 'POST', '/api/orders');
    // The client matches its optimistic order on the key it sent, so that is the key it gets back.
    expect(first.json()).toMatchObject({ accountId: 'a-alice-1', idempotencyKey: key });

    const bobs = await placeOrder(bob, key, 'a-bob-1');
    expect(bobs.statusCode, bobs.body).toBe(201);
    expectContract(t.app, bobs, 'POST', '/api/orders');
    expect(bobs.json()).toMatchObject({ accountId: 'a-bob-1', idempotencyKey: key });
    expect(bobs.json().id).not.toBe(first.json().id);

    const replay = await placeOrder(alice, key, 'a-alice-1');
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().id).toBe(first.json().id);
    const bobReplay = await placeOrder(bob, key, 'a-bob-1');
    expect(bobReplay.statusCode, bobReplay.body).toBe(200);
    expect(bobReplay.json().id).toBe(bobs.json().id);
  });

  it('gives bob his own investment for a key alice used', async () => {
    const key = `shared-${randomUUID()}`;
    const first = await invest(alice, key, 'a-alice-1');
    expect(first.statusCode, first.body).toBe(201);
    const bobs = await invest(bob, key, 'a-bob-1');
    expect(bobs.statusCode, bobs.body).toBe(201);
    expectContract(t.app, bobs, 'POST', '/api/strategies/{id}/investments');
    expect(bobs.json()).toMatchObject({ accountId: 'a-bob-1' });
    expect(bobs.json().id).not.toBe(first.json().id);
    const replay = await invest(alice, key, 'a-alice-1');
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().id).toBe(first.json().id);
  });
});
