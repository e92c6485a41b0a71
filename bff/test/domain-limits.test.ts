import { randomUUID } from 'node:crypto';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, login, makeApp, type TestApp } from './helpers.ts';

// Issue 10, defects 1 and 8, against the real services: input they cannot hold is a 4xx naming
// the field, and one customer's bad order does not stop trading for everyone (no breaker opens).
describe('domain limits through the BFF (real services)', () => {
  let services: EmbeddedServices;
  let t: TestApp;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 0,
      logLevel: 'silent',
      market: { tickMs: 60_000 },
    });
    t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
    for (const who of ['alice', 'bob', 'admin']) cookies[who] = await login(t.app, who);
    // Four services and a BFF starting: generous for a loaded 2-core machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
  });

  const send = (who: string, url: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...CSRF, cookie: cookies[who]!, 'idempotency-key': randomUUID() },
      payload,
    });
  const fieldsOf = (res: { json(): { error: { fields?: { field: string }[] } } }) =>
    (res.json().error.fields ?? []).map((f) => f.field);

  it('refuses two orders of 999999999999999.99999999 with a 4xx naming the fields, and bob still trades', async () => {
    for (let n = 0; n < 2; n++) {
      const res = await send('alice', '/api/orders', {
        accountId: 'a-alice-1',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        quantity: '999999999999999.99999999',
        limitPrice: '999999999999999.99999999',
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      // The BFF's contract refuses it first (400), naming the field; nothing reaches the services.
      expect(fieldsOf(res)).toContain('body.quantity');
    }
    // Within the digits but worth too much: the orders service's bound, named by field.
    const tooMuch = await send('alice', '/api/orders', {
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'limit',
      quantity: '999999999999',
      limitPrice: '9999999999',
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(fieldsOf(tooMuch)).toEqual(['body.quantity']);
    const bob = await send('bob', '/api/orders', {
      accountId: 'a-bob-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'market',
      quantity: '1',
    });
    expect(bob.statusCode).toBe(201);
  });

  it('refuses an investment of 999999999999999.99 with 422 naming body.amount', async () => {
    const res = await send('alice', '/api/strategies/s-balanced-growth/investments', {
      accountId: 'a-alice-1',
      amount: '999999999999999.99',
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(['body.amount']);
  });

  it('refuses a NUL in a strategy name with 400 (not 503), naming the field', async () => {
    const res = await send('admin', '/api/strategies', {
      name: 'Tech\u0000Tilt',
      description: 'NUL test',
      riskLevel: 'low',
      timeHorizon: 'short',
      allocations: [{ assetId: 'ACME', percentage: '100' }],
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.name']);
  });
});
