import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectContract, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

describe('GET /api/admin/system', () => {
  let services: FakeServices;
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({ services: services.urls, resilience: { maxAttempts: 1 } });
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });
  beforeEach(() => services.faults.clear());

  it("reports each service's readiness and breaker, and the orders read model's lag", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/system', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/admin/system');
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.dependencies.find((d: { name: string }) => d.name === 'orders')).toMatchObject({
      status: 'up',
      breaker: 'closed',
    });
    expect(body.ordersReadModel).toEqual({
      eventsBehind: 3,
      secondsBehind: 1.25,
      lagMs: 1000,
      lastProjectedAt: expect.any(String),
    });
  });

  it('still answers when the orders service does not, with no lag figures', async () => {
    services.faults.set('orders', { mode: 'down' });
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/system', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/admin/system');
    expect(res.json().ordersReadModel).toBeNull();
    expect(res.json().dependencies.find((d: { name: string }) => d.name === 'orders').status).toBe('down');
  });

  it('is for admins only', async () => {
    const alice = await login(t.app, 'alice');
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/system', headers: { cookie: alice } });
    expect(res.statusCode).toBe(403);
  });
});
