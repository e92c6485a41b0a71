import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expectContract, login, makeApp, metricsAuth, type TestApp } from './helpers.ts';
import { listen } from './sockets.ts';

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

  it('is ready and lists its dependencies to an admin', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/health/ready',
      headers: { cookie: await login(t.app, 'admin') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe('dev');
    expectContract(t.app, res, 'GET', '/api/health/ready');
    expect(res.json().dependencies.map((d: { name: string }) => d.name)).toEqual([
      'fragment-registry',
      'user-store',
    ]);
  });

  it('tells anyone else only whether it is up', async () => {
    for (const cookie of [undefined, await login(t.app, 'alice')]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/health/ready',
        headers: cookie ? { cookie } : {},
      });
      expect(res.statusCode).toBe(200);
      expectContract(t.app, res, 'GET', '/api/health/ready');
      expect(res.json()).toEqual({ status: 'ok' });
    }
  });

  it('serves /metrics only with the metrics token', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 'Basic abc' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expect(res.body).not.toContain('http_request_duration_seconds');
    }
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
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: metricsAuth });
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

describe('/metrics where operators configure it', () => {
  it('generates a token into the data folder in the embedded default', async () => {
    const t = await makeApp({ metricsToken: null });
    try {
      const token = (await readFile(path.join(t.dir, 'bff', 'metrics-token'), 'utf8')).trim();
      expect(token.length).toBeGreaterThanOrEqual(32);
      const headers = { authorization: `Bearer ${token}` };
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: metricsAuth })).statusCode).toBe(
        401,
      );
    } finally {
      await t.close();
    }
  });

  it('serves no /metrics outside the embedded default without a token or a port', async () => {
    const t = await makeApp({
      embedded: false,
      sessionSecret: 'a-production-secret-of-enough-length',
      metricsToken: null,
    });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('serves /metrics on its own listener only when METRICS_PORT is set', async () => {
    const t = await makeApp({ metricsToken: null, metricsPort: 0, metricsHost: '127.0.0.1' });
    try {
      const url = await listen(t.app);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
      const server = t.app.metricsServer;
      if (!server) throw new Error('no metrics listener');
      await server.listen({ host: '127.0.0.1', port: 0 });
      const { port } = server.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('process_cpu_seconds_total');
    } finally {
      await t.close();
    }
  });
});
