import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, makeApp, type TestApp } from './helpers.ts';

describe('health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is live', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/health/live');
  });

  it('is ready and lists its dependencies', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/health/ready');
    expect(res.json().dependencies.map((d: { name: string }) => d.name)).toEqual([
      'fragment-registry',
      'user-store',
    ]);
  });

  it('echoes a request id and puts it in error bodies', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json().error.requestId).toBe('trace-123');
  });

  it('exposes request duration histograms per route', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health/live' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    // Which bucket a request lands in depends on the machine; that it is counted, per route, does not.
    expect(res.body).toMatch(
      /http_request_duration_seconds_bucket\{le="\+Inf",service="bff",method="GET",route="\/api\/health\/live",status_code="200"\} [1-9]/,
    );
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{service="bff",method="GET",route="\/api\/health\/live",status_code="200"\} [1-9]/,
    );
    expect(res.body).toContain('process_cpu_seconds_total');
  });

  it('sends security headers with a CSP limited to our own origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('CSP with fragment origins', () => {
  it('allows the configured fragment origins, and only those', async () => {
    const t = await makeApp({ fragmentOrigins: ['https://cdn.example.com'] });
    try {
      const csp = String(
        (await t.app.inject({ method: 'GET', url: '/' })).headers['content-security-policy'],
      );
      expect(csp).toContain("script-src 'self' https://cdn.example.com");
      expect(csp).not.toContain('*');
    } finally {
      await t.close();
    }
  });
});
