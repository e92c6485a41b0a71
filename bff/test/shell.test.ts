import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers.ts';

describe('serving the shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves index.html at / and for client routes, never cached', async () => {
    for (const url of ['/', '/orders', '/orders/o-123', '/admin/fragments?tab=canary']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>SimpleBank</title>');
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never falls back to index.html for API, fragment, realtime, metrics or missing files', async () => {
    for (const url of [
      '/api/nope',
      '/api',
      '/fragments/orders/x',
      '/realtime/x',
      '/assets/missing.js',
      '/favicon.ico',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'x-csrf-protection': '1' },
    });
    expect(post.statusCode).toBe(404);
  });

  it('says the shell is not built instead of a blank page', async () => {
    const bare = await makeApp({ shellDist: '/nonexistent/dist' });
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/orders' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
