import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

describe('admin customers search and orders date filter', () => {
  let services: FakeServices;
  let t: TestApp;
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({
      services: services.urls,
      requestDeadlineMs: 1000,
      resilience: { initialBackoffMs: 5, maxBackoffMs: 20, halfOpenAfterMs: 60_000 },
    });
    [alice, admin] = await Promise.all([login(t.app, 'alice'), login(t.app, 'admin')]);
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });

  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const hits = (key: string) => services.hits.get(key) ?? 0;

  it('passes the search to the accounts service, still one bulk call per service per page', async () => {
    const before = { customers: hits('accounts GET /customers'), orders: hits('orders GET /orders') };
    const res = await get('/api/admin/customers?search=ALI&page=1&size=10', admin);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/admin/customers');
    expect(services.lastQuery.get('accounts GET /customers')).toMatchObject({
      search: 'ALI',
      page: '1',
      size: '10',
    });
    const body = res.json();
    expect(body).toMatchObject({ page: 1, size: 10, total: 1 });
    expect(body.items.map((c: { customer: { id: string } }) => c.customer.id)).toEqual(['c-alice']);
    expect(body.items[0].openOrders.map((o: { id: string }) => o.id)).toEqual(['o-alice-1']);
    expect(hits('accounts GET /customers') - before.customers).toBe(1);
    expect(hits('orders GET /orders') - before.orders).toBe(1);
  });

  it('sends no search when none (or only blanks) is given, and skips orders when nothing matches', async () => {
    await get('/api/admin/customers?search=%20%20', admin);
    expect(services.lastQuery.get('accounts GET /customers')).not.toHaveProperty('search');
    const ordersBefore = hits('orders GET /orders');
    const none = await get('/api/admin/customers?search=nobody', admin);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ items: [], total: 0 });
    expect(hits('orders GET /orders')).toBe(ordersBefore);
    expect((await get('/api/admin/customers?search=ali', alice)).statusCode).toBe(403);
  });

  it('passes from and to through to the orders read model', async () => {
    const from = '2026-11-26T09:00:00.000Z';
    const to = '2026-11-26T11:00:00.000Z';
    const res = await get(
      `/api/admin/orders?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      admin,
    );
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/admin/orders');
    expect(services.lastQuery.get('orders GET /orders')).toMatchObject({ from, to });
    expect(res.json().items.length).toBe(3);

    // The fake orders were all created at 10:00: `to` is exclusive, `from` inclusive.
    const exclusive = await get(`/api/admin/orders?to=${encodeURIComponent('2026-11-26T10:00:00Z')}`, admin);
    expect(exclusive.json()).toMatchObject({ items: [], total: 0 });
    const inclusive = await get(
      `/api/admin/orders?from=${encodeURIComponent('2026-11-26T10:00:00Z')}`,
      admin,
    );
    expect(inclusive.json().total).toBe(3);
  });

  it('answers a bad date with 400 naming the field and the reason', async () => {
    for (const [name, value] of [
      ['from', 'yesterday'],
      ['to', '2026-11-26'],
    ] as const) {
      const res = await get(`/api/admin/orders?${name}=${value}`, admin);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toContainEqual({
        field: `query.${name}`,
        reason: expect.stringContaining('date-time'),
      });
    }
  });
});
