import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServices, type FakeServices } from './fake-services.ts';
import { login, makeApp, type TestApp } from './helpers.ts';

// Breakers that recover fast (issue 11, Build 3): a short outage of a service ends for every BFF
// instance within about 5 s of the service coming back, and refusals (4xx) never open a breaker.
describe('breakers across two BFF instances (default resilience figures)', () => {
  let services: FakeServices;
  const instances: TestApp[] = [];
  const cookies: string[] = [];
  /** Readiness details (breaker states) are for admins. */
  const adminCookies: string[] = [];

  beforeAll(async () => {
    services = await startFakeServices();
    for (let i = 0; i < 2; i++) {
      // Only the attempts are cut (one per call), so the breaker's own figures are the defaults.
      const bff = await makeApp({ services: services.urls, resilience: { maxAttempts: 1 } });
      instances.push(bff);
      cookies.push(await login(bff.app, 'alice'));
      adminCookies.push(await login(bff.app, 'admin'));
    }
  });
  afterAll(async () => {
    for (const bff of instances) await bff.close();
    await services?.close();
  });

  const assets = (i: number) =>
    instances[i]!.app.inject({ method: 'GET', url: '/api/assets', headers: { cookie: cookies[i]! } });
  const breakerOf = async (i: number, name: string) =>
    (
      await instances[i]!.app.inject({
        method: 'GET',
        url: '/api/health/ready',
        headers: { cookie: adminCookies[i]! },
      })
    )
      .json()
      .dependencies.find((d: { name: string }) => d.name === name)?.breaker;

  it('answers 503 with Retry-After while the service is out, and serves again within 6 s on every instance', async () => {
    services.faults.set('market', { mode: 'down' });
    for (let i = 0; i < 2; i++) {
      // Enough failures to open each instance's breaker (5 in a row), then one refused fast.
      for (let n = 0; n < 6; n++) expect((await assets(i)).statusCode).toBe(503);
      expect(await breakerOf(i, 'market')).toBe('open');
      const refused = await assets(i);
      expect(refused.statusCode).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(5);
    }
    // The outage lasts 5 s in all.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    services.faults.delete('market');
    const back = Date.now();
    for (let i = 0; i < 2; i++)
      await expect.poll(async () => (await assets(i)).statusCode, { timeout: 6000, interval: 200 }).toBe(200);
    // Both polls together, measured from the moment the service came back.
    expect(Date.now() - back).toBeLessThanOrEqual(6000 + 1000);
  });

  it('never opens a breaker on refusals (4xx): they are answers, not failures', async () => {
    for (let n = 0; n < 8; n++) {
      const res = await instances[0]!.app.inject({
        method: 'GET',
        url: '/api/orders/o-does-not-exist',
        headers: { cookie: cookies[0]! },
      });
      expect(res.statusCode).toBe(404);
    }
    expect(await breakerOf(0, 'orders')).toBe('closed');
  });
});

// The breaker does not wait for a half-open trial to notice the service is back: a readiness probe
// closes it. Half-open is set to a minute here, so only the probe can close it in time.
describe('a breaker closed by the readiness probe', () => {
  let services: FakeServices;
  let bff: TestApp;
  let cookie: string;
  let adminCookie: string;

  beforeAll(async () => {
    services = await startFakeServices();
    bff = await makeApp({ services: services.urls, resilience: { maxAttempts: 1, halfOpenAfterMs: 60_000 } });
    cookie = await login(bff.app, 'alice');
    adminCookie = await login(bff.app, 'admin');
  });
  afterAll(async () => {
    await bff?.close();
    await services?.close();
  });

  const assets = () => bff.app.inject({ method: 'GET', url: '/api/assets', headers: { cookie } });
  const marketBreaker = async () =>
    (await bff.app.inject({ method: 'GET', url: '/api/health/ready', headers: { cookie: adminCookie } }))
      .json()
      .dependencies.find((d: { name: string }) => d.name === 'market')?.breaker;

  it('stays open while the service is out, and closes without any caller once it is back', async () => {
    services.faults.set('market', { mode: 'down' });
    for (let n = 0; n < 5; n++) expect((await assets()).statusCode).toBe(503);
    expect(await marketBreaker()).toBe('open');
    // Probes run meanwhile and fail: the breaker stays open and callers are refused.
    const probesBefore = services.hits.get('market GET /health/ready') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(services.hits.get('market GET /health/ready') ?? 0).toBeGreaterThan(probesBefore);
    expect(await marketBreaker()).toBe('open');
    expect((await assets()).statusCode).toBe(503);

    services.faults.delete('market');
    // No call from a user: the probe alone closes it, long before the minute of half-open.
    await expect.poll(marketBreaker, { timeout: 3000, interval: 100 }).toBe('closed');
    expect((await assets()).statusCode).toBe(200);
  });

  it('opens again on the next outage, and is closed again by the probe', async () => {
    services.faults.set('market', { mode: 'down' });
    for (let n = 0; n < 5; n++) expect((await assets()).statusCode).toBe(503);
    expect(await marketBreaker()).toBe('open');
    services.faults.delete('market');
    await expect.poll(marketBreaker, { timeout: 3000, interval: 100 }).toBe('closed');
    expect((await assets()).statusCode).toBe(200);
  });
});
