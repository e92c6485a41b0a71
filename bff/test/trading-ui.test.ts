import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

const getWith = (t: TestApp, url: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

// Issue 15: what the trading UI needs from the BFF.
describe('BFF for the trading UI: session check and order filters (issue 15)', () => {
  let services: FakeServices;
  let t: TestApp;
  let alice: string;
  let admin: string;
  const get = (url: string, cookie?: string) => getWith(t, url, cookie);

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({ services: services.urls, resilience: { maxAttempts: 1 } });
    [alice, admin] = await Promise.all([login(t.app, 'alice'), login(t.app, 'admin')]);
  });
  afterAll(async () => {
    await t?.close();
    await services?.close();
  });

  it('answers a logged-out visitor on /api/session/current with 200 and a null session', async () => {
    const anonymous = await get('/api/session/current');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ session: null });
    expectContract(t.app, anonymous, 'GET', '/api/session/current');

    const forged = await get('/api/session/current', 'sb_session=forged.value');
    expect(forged.statusCode).toBe(200);
    expect(forged.json()).toEqual({ session: null });

    const me = await get('/api/session/current', alice);
    expect(me.statusCode).toBe(200);
    expect(me.json().session.user.username).toBe('alice');
    expectContract(t.app, me, 'GET', '/api/session/current');
  });

  it('filters the customer orders by date, and refuses a range that ends before it starts', async () => {
    const all = await get('/api/orders', alice);
    expect(all.json().items.length).toBeGreaterThan(0);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const future = await get(`/api/orders?from=${encodeURIComponent(tomorrow)}`, alice);
    expect(future.statusCode).toBe(200);
    expect(future.json().items).toEqual([]);

    const backwards = await get(
      `/api/orders?from=${encodeURIComponent(tomorrow)}&to=${encodeURIComponent(new Date().toISOString())}`,
      alice,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual([
      { field: 'query.to', reason: 'must not be before query.from' },
    ]);
    expectContract(t.app, backwards, 'GET', '/api/orders');
  });

  it('refuses an admin order search whose "until" comes before its "from"', async () => {
    const res = await get('/api/admin/orders?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('query.to');
  });
});

describe('BFF for the trading UI: investments keep their strategy names (issue 15, real services)', () => {
  let services: EmbeddedServices;
  let t: TestApp;
  let alice: string;
  let admin: string;
  const get = (url: string, cookie?: string) => getWith(t, url, cookie);
  const post = (url: string, cookie: string, payload: object, key = true) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...CSRF, cookie, ...(key ? { 'idempotency-key': randomUUID() } : {}) },
      payload,
    });

  // Starting the embedded services (PGlite) is slow on a loaded machine; this bounds a hang.
  beforeAll(async () => {
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 0,
      logLevel: 'silent',
      market: { tickMs: 60_000 },
    });
    t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
    [alice, admin] = await Promise.all([login(t.app, 'alice'), login(t.app, 'admin')]);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
  });

  it('keeps the name of a strategy retired after a customer invested in it', async () => {
    const created = await post(
      '/api/strategies',
      admin,
      {
        name: 'Soon retired',
        description: '',
        riskLevel: 'low',
        timeHorizon: '1-3 years',
        allocations: [{ assetId: 'ACME', percentage: '100' }],
      },
      false,
    );
    expect(created.statusCode, created.body).toBe(201);
    const strategyId = created.json().id as string;
    expect((await post(`/api/strategies/${strategyId}/publish`, admin, {}, false)).statusCode).toBe(200);
    const invested = await post(`/api/strategies/${strategyId}/investments`, alice, {
      accountId: 'a-alice-1',
      amount: '50.00',
    });
    expect(invested.statusCode, invested.body).toBe(201);
    expect((await post(`/api/strategies/${strategyId}/retire`, admin, {}, false)).statusCode).toBe(200);

    const list = await get('/api/investments', alice);
    expectContract(t.app, list, 'GET', '/api/investments');
    const mine = list.json().items.find((i: { strategyId: string }) => i.strategyId === strategyId);
    expect(mine.strategyName).toBe('Soon retired');
    const one = await get(`/api/investments/${invested.json().id}`, alice);
    expect(one.json().strategyName).toBe('Soon retired');
  });
});
