import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeApp, type TestApp } from './helpers.ts';

describe('API docs at /api/docs', () => {
  describe('embedded default: open to everyone', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp();
    });
    afterAll(() => t.close());

    it('serves the interactive docs and the contract they show, bff.yaml as written', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('swagger-ui');
      const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(spec.statusCode).toBe(200);
      const document = spec.json() as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\.1/);
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/orders', '/api/orders/{id}', '/api/admin/users']),
      );
    });
  });

  describe('outside the embedded default: admins only', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp({ embedded: false, sessionSecret: 'api-docs-test-secret-0123456789abcdef' });
      // No demo users outside the embedded default: make an admin and a customer.
      await t.app.bff.users.create({
        username: 'root',
        displayName: 'Root',
        password: 'root-password-1',
        roles: ['admin'],
      });
      await t.app.bff.users.create({
        username: 'carol',
        displayName: 'Carol',
        password: 'carol-password-1',
        roles: ['customer'],
        customerId: 'c-carol',
      });
    });
    afterAll(() => t.close());

    it('refuses the docs and the contract to anonymous users and customers, serves them to admins', async () => {
      for (const url of ['/api/docs', '/api/docs/json', '/api/docs/yaml']) {
        expect((await t.app.inject({ method: 'GET', url })).statusCode, `${url} anonymous`).toBe(401);
        const customer = await login(t.app, 'carol', 'carol-password-1');
        expect((await t.app.inject({ method: 'GET', url, headers: { cookie: customer } })).statusCode).toBe(
          403,
        );
        const admin = await login(t.app, 'root', 'root-password-1');
        expect((await t.app.inject({ method: 'GET', url, headers: { cookie: admin } })).statusCode).toBe(200);
      }
    });
  });
});
