import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';

// The real services with a read model a minute behind the commands: whatever a test reads or
// cancels straight after placing it can only come from the orders service's command side.
let services: EmbeddedServices;
let t: TestApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  services = await startEmbeddedServices({
    dataDir: 'memory://',
    readModelLagMs: 60_000,
    logLevel: 'silent',
    market: { tickMs: 60_000 },
  });
  t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
  for (const who of ['alice', 'bob']) cookies[who] = await login(t.app, who);
});
afterAll(async () => {
  await t?.close();
  await services?.stop();
});

const send = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { ...CSRF, cookie: cookies[who]!, 'idempotency-key': randomUUID() },
    ...(payload ? { payload } : {}),
  });

// 60.00 is above the 50.00 minimum order value and far below ACME's price: the order stays open.
const limitBuy = {
  accountId: 'a-alice-1',
  assetId: 'ACME',
  side: 'buy',
  type: 'limit',
  quantity: '1',
  limitPrice: '60.00',
};

describe('read-your-writes through the BFF', () => {
  it('reads and cancels 10 of 10 orders straight after their 201; another customer gets 404', async () => {
    for (let n = 0; n < 10; n++) {
      const placed = await send('alice', 'POST', '/api/orders', limitBuy);
      expect(placed.statusCode, placed.body).toBe(201);
      const { id, version } = placed.json() as { id: string; version: number };

      const read = await send('alice', 'GET', `/api/orders/${id}?minVersion=${version}`);
      expect(read.statusCode, read.body).toBe(200);
      expectContract(t.app, read, 'GET', '/api/orders/{id}');
      const seen = read.json() as { id: string; version: number; servedFrom: string };
      expect(seen).toMatchObject({ id, servedFrom: 'write-side' });
      // The saga goes on after the 201 (reserved, placed) at its own pace: the read is never older
      // than the order the caller was answered, whether or not a step came in between.
      expect(seen.version).toBeGreaterThanOrEqual(version);
      expect(read.headers['x-min-version-reached']).toBe('true');

      expect((await send('bob', 'GET', `/api/orders/${id}`)).statusCode).toBe(404);
      expect((await send('bob', 'POST', `/api/orders/${id}/cancel`)).statusCode).toBe(404);

      const cancelled = await send('alice', 'POST', `/api/orders/${id}/cancel`);
      expect(cancelled.statusCode, cancelled.body).toBe(202);
      expectContract(t.app, cancelled, 'POST', '/api/orders/{id}/cancel');
      expect(['cancelling', 'cancelled']).toContain(cancelled.json().status);
      // Versions only grow: the cancel is newer than anything read before it.
      expect(cancelled.json().version).toBeGreaterThan(seen.version);
    }
  });
});

describe('minimums through the BFF', () => {
  it('says the minimums with the fee schedule', async () => {
    const res = await send('alice', 'GET', '/api/fees');
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/fees');
    expect(res.json()).toEqual({
      ratePercent: '0.1',
      minimum: '1.00',
      minimumOrderValue: '50.00',
      minimumInvestment: '50.00',
    });
  });

  it('refuses an order under the minimum order value with 422 naming body.quantity', async () => {
    const res = await send('alice', 'POST', '/api/orders', { ...limitBuy, quantity: '0.0001' });
    expect(res.statusCode).toBe(422);
    expectContract(t.app, res, 'POST', '/api/orders');
    expect(res.json().error).toMatchObject({
      code: 'order_below_minimum',
      fields: [{ field: 'body.quantity', reason: expect.stringContaining('minimum order value of 50.00') }],
    });
  });

  it('refuses a 0.50 investment, and one whose split makes an order under the minimum, with 422 naming body.amount', async () => {
    const tiny = await send('alice', 'POST', '/api/strategies/s-balanced-growth/investments', {
      accountId: 'a-alice-1',
      amount: '0.50',
    });
    expect(tiny.statusCode).toBe(422);
    expectContract(t.app, tiny, 'POST', '/api/strategies/{id}/investments');
    expect(tiny.json().error).toMatchObject({
      code: 'investment_below_minimum',
      message: expect.stringContaining('minimum investment is 50.00'),
      fields: [{ field: 'body.amount', reason: expect.stringContaining('minimum investment is 50.00') }],
    });
    const split = await send('alice', 'POST', '/api/strategies/s-balanced-growth/investments', {
      accountId: 'a-alice-1',
      amount: '300.00',
    });
    expect(split.statusCode).toBe(422);
    expect(split.json().error.fields[0]).toMatchObject({
      field: 'body.amount',
      reason: expect.stringContaining('below the minimum order value of 50.00'),
    });
  });

  it('reads an investment at once after it was accepted', async () => {
    const res = await send('alice', 'POST', '/api/strategies/s-steady-income/investments', {
      accountId: 'a-alice-1',
      amount: '200.00',
    });
    expect(res.statusCode, res.body).toBe(201);
    const read = await send('alice', 'GET', `/api/investments/${res.json().id}`);
    expect(read.statusCode).toBe(200);
    expect((await send('bob', 'GET', `/api/investments/${res.json().id}`)).statusCode).toBe(404);
  });
});
