import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, expectContract, login, makeApp, metricsAuth, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

describe('composition of the backend services', () => {
  let services: FakeServices;
  let t: TestApp;
  let alice: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({
      services: services.urls,
      requestDeadlineMs: 1000,
      resilience: { initialBackoffMs: 5, maxBackoffMs: 20, halfOpenAfterMs: 60_000 },
    });
    [alice, bob, admin] = await Promise.all([
      login(t.app, 'alice'),
      login(t.app, 'bob'),
      login(t.app, 'admin'),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });
  afterEach(() => {
    services.faults.clear();
  });

  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('serves the fee schedule and the minimums in money strings, and 503 when accounts is down', async () => {
    const res = await get('/api/fees', alice);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/fees');
    expect(res.json()).toEqual({
      ratePercent: '0.1',
      minimum: '1.00',
      minimumOrderValue: '50.00',
      minimumInvestment: '25.00',
    });
    expect((await get('/api/fees')).statusCode).toBe(401);
    services.faults.set('accounts', { mode: 'down' });
    expect((await get('/api/fees', alice)).statusCode).toBe(503);
  });

  it("composes the customer's portfolio with valuations, from their own accounts only", async () => {
    const res = await get('/api/portfolio', alice);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/portfolio');
    const body = res.json();
    expect(body.customerId).toBe('c-alice');
    expect(body.accounts).toEqual([
      {
        id: 'a-alice-1',
        customerId: 'c-alice',
        name: 'c-alice main',
        currency: 'EUR',
        cash: { available: '10000.50', reserved: '0.00' },
      },
    ]);
    expect(body.holdings).toEqual([
      {
        accountId: 'a-alice-1',
        assetId: 'ABC',
        quantity: '10',
        reservedQuantity: '0',
        price: '12.34',
        value: '123.40',
        costBasis: '100.05',
        unrealizedPnl: '23.35',
      },
      {
        accountId: 'a-alice-1',
        assetId: 'XYZ',
        quantity: '0.5',
        reservedQuantity: '0',
        price: '100.00',
        value: '50.00',
        costBasis: '62.50',
        unrealizedPnl: '-12.50',
      },
    ]);
    expect(body.openOrders.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      ['o-alice-1', 'reserved'],
    ]);
    expect(body.valuation).toMatchObject({
      available: true,
      stale: false,
      totalValue: '173.40',
      totalCostBasis: '162.55',
      totalUnrealizedPnl: '10.85',
    });
  });

  it('serves last known prices (stale) when the market is down, and no valuations without any', async () => {
    await get('/api/portfolio', alice);
    services.faults.set('market', { mode: 'down' });
    const res = await get('/api/portfolio', alice);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/portfolio');
    expect(res.json().valuation).toMatchObject({ available: true, stale: true, totalValue: '173.40' });

    const fresh = await makeApp({
      services: services.urls,
      resilience: { initialBackoffMs: 5, maxBackoffMs: 20 },
    });
    try {
      const res2 = await fresh.app.inject({
        method: 'GET',
        url: '/api/portfolio',
        headers: { cookie: await login(fresh.app, 'alice') },
      });
      expect(res2.statusCode).toBe(200);
      expectContract(fresh.app, res2, 'GET', '/api/portfolio');
      expect(res2.json().valuation).toEqual({
        available: false,
        stale: false,
        totalValue: null,
        totalCostBasis: '162.55',
        totalUnrealizedPnl: null,
        asOf: null,
      });
      // the cost basis is known without prices; profit and loss is not
      expect(res2.json().holdings[0]).toMatchObject({
        price: null,
        value: null,
        quantity: '10',
        costBasis: '100.05',
        unrealizedPnl: null,
      });
    } finally {
      await fresh.close();
    }
  });

  it('retries an idempotent call and answers within the deadline when a service hangs', async () => {
    services.faults.set('accounts', { mode: 'down', times: 2 });
    const before = services.hits.get('accounts') ?? 0;
    const ok = await get('/api/portfolio', alice);
    expect(ok.statusCode).toBe(200);
    expect((services.hits.get('accounts') ?? 0) - before).toBe(4); // 2 failures + 1 success for accounts, then holdings

    services.faults.set('orders', { mode: 'hang' });
    const started = Date.now();
    const slow = await get('/api/orders', alice);
    expect(slow.statusCode).toBe(503);
    expectContract(t.app, slow, 'GET', '/api/orders');
    // The 1 s deadline plus scheduling slack on a busy 2-core machine: without the deadline the
    // default (5 s) would apply, and without any the hang would never answer.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('does not retry a command without an idempotency key', async () => {
    services.faults.set('strategies', { mode: 'down', times: 1 });
    const before = services.hits.get('strategies POST /strategies') ?? 0;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/strategies',
      headers: { ...CSRF, cookie: admin },
      payload: {
        name: 'Growth',
        description: '',
        riskLevel: 'high',
        timeHorizon: 'long',
        allocations: [{ assetId: 'ABC', percentage: '100' }],
      },
    });
    expect(res.statusCode).toBe(503);
    expectContract(t.app, res, 'POST', '/api/strategies');
    expect((services.hits.get('strategies POST /strategies') ?? 0) - before).toBe(1);
  });

  it('opens the breaker after five consecutive failures and reports it in readiness', async () => {
    const b = await makeApp({
      services: services.urls,
      resilience: { maxAttempts: 1, halfOpenAfterMs: 60_000 },
    });
    try {
      const cookie = await login(b.app, 'alice');
      services.faults.set('market', { mode: 'down' });
      for (let i = 0; i < 5; i++)
        expect(
          (await b.app.inject({ method: 'GET', url: '/api/assets', headers: { cookie } })).statusCode,
        ).toBe(503);
      const before = services.hits.get('market') ?? 0;
      const fast = await b.app.inject({ method: 'GET', url: '/api/assets', headers: { cookie } });
      expect(fast.statusCode).toBe(503);
      expect(services.hits.get('market') ?? 0).toBe(before); // failed fast, the market was not called
      // The dependencies and breakers are an admin's view of readiness (bff.yaml, Readiness).
      const ready = await b.app.inject({
        method: 'GET',
        url: '/api/health/ready',
        headers: { cookie: await login(b.app, 'admin') },
      });
      expectContract(b.app, ready, 'GET', '/api/health/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json().status).toBe('degraded');
      expect(ready.json().dependencies.find((d: { name: string }) => d.name === 'market')).toMatchObject({
        status: 'down',
        breaker: 'open',
      });
      expect(ready.json().dependencies.find((d: { name: string }) => d.name === 'orders')).toMatchObject({
        status: 'up',
        breaker: 'closed',
      });
      const metrics = (await b.app.inject({ method: 'GET', url: '/metrics', headers: metricsAuth })).body;
      expect(metrics).toMatch(/downstream_breaker_state\{downstream="market",service="bff"\} 2/);
      expect(metrics).toMatch(
        /downstream_request_duration_seconds_count\{service="bff",downstream="market",method="GET",outcome="unavailable"\} 5/,
      );
    } finally {
      await b.close();
    }
  });

  it('passes the Idempotency-Key on and requires it', async () => {
    const payload = { accountId: 'a-alice-1', assetId: 'ABC', side: 'buy', type: 'market', quantity: '2' };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': 'key-12345678' },
      payload,
    });
    expect(res.statusCode).toBe(201);
    expectContract(t.app, res, 'POST', '/api/orders');
    expect(res.json()).toMatchObject({
      id: 'o-new',
      status: 'pending',
      version: 1,
      idempotencyKey: 'key-12345678',
      fee: '1.50',
    });
    const sent = services.lastHeaders.get('orders POST /orders')!;
    // Scoped per user on the way to the service (docs/SECURITY.md), answered as the client sent it.
    expect(sent).toMatchObject({ 'idempotency-key': 'user:u-alice:key-12345678' });
    // Who asks travels only in the signed service token (docs/SECURITY.md), never as a header.
    expect(sent['x-user-id']).toBeUndefined();
    expect(decodeJwt(String(sent.authorization).replace(/^Bearer /, ''))).toMatchObject({
      iss: 'bff',
      aud: 'orders',
      sub: 'u-alice',
      roles: ['customer'],
    });

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie: alice },
      payload,
    });
    expect(missing.statusCode).toBe(400);
    expectContract(t.app, missing, 'POST', '/api/orders');
    expect(missing.json().error.fields[0].field).toBe('headers.idempotency-key');

    const limitless = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': 'key-22345678' },
      payload: { ...payload, type: 'limit' },
    });
    expect(limitless.statusCode).toBe(422);
    const unknownAsset = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': 'key-32345678' },
      payload: { ...payload, assetId: 'NOPE' },
    });
    expect(unknownAsset.statusCode).toBe(422);
    expect(unknownAsset.json().error.code).toBe('unknown_asset');
  });

  it("keeps customers out of each other's accounts, orders and investments", async () => {
    const payload = { accountId: 'a-alice-1', assetId: 'ABC', side: 'buy', type: 'market', quantity: '2' };
    const place = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie: bob, 'idempotency-key': 'key-bob-1234' },
      payload,
    });
    expect(place.statusCode).toBe(403);
    expect((await get('/api/orders/o-alice-1', bob)).statusCode).toBe(404);
    const own = await get('/api/orders/o-alice-1', alice);
    expect(own.statusCode).toBe(200);
    expectContract(t.app, own, 'GET', '/api/orders/{id}');
    // Version polling: the read model is at version 3.
    expect((await get('/api/orders/o-alice-1?minVersion=4', alice)).headers['x-min-version-reached']).toBe(
      'false',
    );
    expect((await get('/api/orders/o-alice-1?minVersion=3', alice)).headers['x-min-version-reached']).toBe(
      'true',
    );
    expect((await get('/api/orders/o-alice-1', admin)).statusCode).toBe(200);
    expect((await get('/api/orders/o-alice-1')).statusCode).toBe(401);
    expect((await get('/api/investments/i-alice-1', bob)).statusCode).toBe(404);
    expect((await get('/api/orders?accountId=a-alice-1', bob)).statusCode).toBe(403);
    const cancel = await t.app.inject({
      method: 'POST',
      url: '/api/orders/o-alice-1/cancel',
      headers: { ...CSRF, cookie: bob },
    });
    expect(cancel.statusCode).toBe(404);
    expect((await get('/api/portfolio', admin)).statusCode).toBe(403);
    const bobsOrders = await get('/api/orders', bob);
    expectContract(t.app, bobsOrders, 'GET', '/api/orders');
    expect(bobsOrders.json().items.map((o: { id: string }) => o.id)).toEqual(['o-bob-1']);
  });

  it('cancels an open order (202, cancelling) and refuses an executed one (422)', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/orders/o-alice-1/cancel',
      headers: { ...CSRF, cookie: alice },
    });
    expect(ok.statusCode).toBe(202);
    expectContract(t.app, ok, 'POST', '/api/orders/{id}/cancel');
    expect(ok.json()).toMatchObject({ status: 'cancelling', version: 4 });
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/orders/o-alice-2/cancel',
      headers: { ...CSRF, cookie: alice },
    });
    expect(done.statusCode).toBe(422);
    expect(done.json().error).toMatchObject({ code: 'order_executed', message: 'Already executed' });
  });

  it('shows customers published strategies only, admins all with the invested amount', async () => {
    const customer = await get('/api/strategies', alice);
    expectContract(t.app, customer, 'GET', '/api/strategies');
    expect(customer.json().items.map((s: { id: string }) => s.id)).toEqual(['s-pub']);
    expect(customer.json().items[0].totalInvested).toBeUndefined();
    expect(customer.json().items[0].allocations).toEqual([
      { assetId: 'ABC', percentage: '60' },
      { assetId: 'XYZ', percentage: '40' },
    ]);
    expect((await get('/api/strategies/s-draft', alice)).statusCode).toBe(404);
    const all = await get('/api/strategies', admin);
    expect(
      all.json().items.map((s: { id: string; totalInvested: string }) => [s.id, s.totalInvested]),
    ).toEqual([
      ['s-pub', '1234.56'],
      ['s-draft', '1234.56'],
    ]);
    const publish = await t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-draft/publish',
      headers: { ...CSRF, cookie: alice },
    });
    expect(publish.statusCode).toBe(403);
    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-draft/publish',
      headers: { ...CSRF, cookie: admin },
      payload: { expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const published = await t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-draft/publish',
      headers: { ...CSRF, cookie: admin },
      payload: { expectedVersion: 2 },
    });
    expect(published.statusCode).toBe(200);
    expectContract(t.app, published, 'POST', '/api/strategies/{id}/publish');
  });

  it('invests in a strategy from an own account, amounts in cents, and shows investments', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-pub/investments',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': 'inv-12345678' },
      payload: { accountId: 'a-alice-1', amount: '1000.10' },
    });
    expect(res.statusCode).toBe(201);
    expectContract(t.app, res, 'POST', '/api/strategies/{id}/investments');
    expect(res.json()).toMatchObject({ id: 'i-new', amount: '1000.10', status: 'pending' });
    const subCent = await t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-pub/investments',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': 'inv-22345678' },
      payload: { accountId: 'a-alice-1', amount: '10.001' },
    });
    expect(subCent.statusCode).toBe(422);
    const mine = await get('/api/investments/i-alice-1', alice);
    expectContract(t.app, mine, 'GET', '/api/investments/{id}');
    expect(mine.json()).toMatchObject({
      status: 'partially_completed',
      orders: [{ status: 'completed' }, { status: 'cancelled' }],
    });
    const list = await get('/api/investments', alice);
    expectContract(t.app, list, 'GET', '/api/investments');
    expect(list.json().total).toBe(1);
  });

  it('refuses limit orders and investments on the server while their flag is off for the user', async () => {
    const setFlags = (flags: Record<string, boolean>) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/admin/flags',
        headers: { ...CSRF, cookie: admin },
        payload: { flags },
      });
    const placeLimit = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/orders',
        headers: { ...CSRF, cookie: alice, 'idempotency-key': key },
        payload: {
          accountId: 'a-alice-1',
          assetId: 'ABC',
          side: 'buy',
          type: 'limit',
          quantity: '1',
          limitPrice: '9.50',
        },
      });
    const invest = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/strategies/s-pub/investments',
        headers: { ...CSRF, cookie: alice, 'idempotency-key': key },
        payload: { accountId: 'a-alice-1', amount: '100.00' },
      });
    try {
      expect((await setFlags({ 'orders.limitOrders': false, 'strategies.invest': false })).statusCode).toBe(
        200,
      );
      const limitRefused = await placeLimit('flag-off-limit-1');
      expect(limitRefused.statusCode).toBe(403);
      expectContract(t.app, limitRefused, 'POST', '/api/orders');
      expect(limitRefused.json().error).toMatchObject({ code: 'feature_disabled' });
      const investRefused = await invest('flag-off-invest-1');
      expect(investRefused.statusCode).toBe(403);
      expect(investRefused.json().error).toMatchObject({ code: 'feature_disabled' });

      await setFlags({ 'orders.limitOrders': true, 'strategies.invest': true });
      expect((await placeLimit('flag-on-limit-1')).statusCode).toBe(201);
      expect((await invest('flag-on-invest-1')).statusCode).toBe(201);
    } finally {
      await setFlags({ 'orders.limitOrders': true, 'strategies.invest': true });
    }
  });

  it('lists customers with accounts and open orders in one bulk call per service', async () => {
    const before = {
      customers: services.hits.get('accounts GET /customers') ?? 0,
      orders: services.hits.get('orders GET /orders') ?? 0,
    };
    const res = await get('/api/admin/customers?page=1&size=20', admin);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/admin/customers');
    expect(
      res
        .json()
        .items.map((c: { customer: { id: string }; openOrders: { id: string }[] }) => [
          c.customer.id,
          c.openOrders.map((o) => o.id),
        ]),
    ).toEqual([
      ['c-alice', ['o-alice-1']],
      ['c-bob', ['o-bob-1']],
    ]);
    expect((services.hits.get('accounts GET /customers') ?? 0) - before.customers).toBe(1);
    expect((services.hits.get('orders GET /orders') ?? 0) - before.orders).toBe(1);
    expect((await get('/api/admin/customers', alice)).statusCode).toBe(403);

    const timeline = await get('/api/admin/orders/o-alice-1/timeline', admin);
    expectContract(t.app, timeline, 'GET', '/api/admin/orders/{id}/timeline');
    expect(timeline.json().entries.map((e: { step: string }) => e.step)).toEqual(['created', 'reserved']);
    expect((await get('/api/admin/orders/o-nope/timeline', admin)).statusCode).toBe(404);
    expect((await get('/api/admin/orders/o-alice-1/timeline', alice)).statusCode).toBe(403);

    const orders = await get('/api/admin/orders?customerId=c-bob', admin);
    expectContract(t.app, orders, 'GET', '/api/admin/orders');
    expect(orders.json().items).toEqual([expect.objectContaining({ id: 'o-bob-1', customerId: 'c-bob' })]);
  });

  it('lists assets with prices', async () => {
    const res = await get('/api/assets', alice);
    expectContract(t.app, res, 'GET', '/api/assets');
    expect(res.json().items[0]).toEqual({
      id: 'ABC',
      symbol: 'ABC',
      name: 'ABC Corp',
      type: 'share',
      currency: 'EUR',
      price: '12.34',
      priceTime: '2026-11-26T10:00:00.000Z',
      day: { date: '2026-11-26', open: '12.00', high: '12.50', low: '11.90' },
    });
    expect((await get('/api/assets')).statusCode).toBe(401);
  });
});
