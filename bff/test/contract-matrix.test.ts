import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSRF, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  url: string;
  hasBody: boolean;
  security: unknown[] | undefined;
}

const PUBLIC = new Set([
  '/api/health/live',
  '/api/health/ready',
  '/api/fragments',
  '/api/session',
  '/api/session/current',
]);

describe('every operation of bff.yaml', () => {
  let services: FakeServices;
  let t: TestApp;
  let operations: Operation[];
  let alice: string;

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({ services: services.urls, resilience: { maxAttempts: 1 } });
    alice = await login(t.app, 'alice');
    const paths = t.app.bff.contract.spec.paths as Record<string, Json>;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => method !== 'parameters')
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          url: path.replace(/\{[^}]+\}/g, (m) =>
            m === '{version}' ? '1.0.0-0123456789' : m === '{name}' ? 'orders' : 'x-1',
          ),
          hasBody: Boolean((op as Json).requestBody),
          security: (op as Json).security as unknown[] | undefined,
        })),
    );
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });

  it('is implemented by a route', () => {
    const missing = operations.filter(
      (op) => !t.app.hasRoute({ method: op.method as 'GET', url: op.path.replace(/\{([^}]+)\}/g, ':$1') }),
    );
    expect(missing.map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it('answers 401 to anonymous requests except on public operations', async () => {
    for (const op of operations.filter((o) => !PUBLIC.has(o.path))) {
      const res = await t.app.inject({
        method: op.method as 'GET',
        url: op.url,
        headers: { ...CSRF, 'idempotency-key': 'anon-12345678' },
        payload: op.hasBody ? {} : undefined,
      });
      // A body that breaks the schema may be refused first (400); it must never get through.
      expect([400, 401], `${op.method} ${op.path}`).toContain(res.statusCode);
    }
  });

  it('answers 403 to a customer on admin operations', async () => {
    for (const op of operations.filter((o) => o.path.startsWith('/api/admin/'))) {
      const res = await t.app.inject({
        method: op.method as 'GET',
        url: op.url,
        headers: { ...CSRF, cookie: alice },
      });
      if (res.statusCode === 400) continue; // the schema check came first; the role check is covered without a body
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(403);
    }
  });

  it('never answers 500 to arbitrary bodies, and every answer matches the contract', async () => {
    const withBody = operations.filter((o) => o.hasBody);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        fc.jsonValue({ maxDepth: 3 }),
        fc.boolean(),
        async (op, body, asAlice) => {
          const res = await t.app.inject({
            method: op.method as 'POST',
            url: op.url,
            headers: {
              ...CSRF,
              'content-type': 'application/json',
              'idempotency-key': 'prop-12345678',
              ...(asAlice ? { cookie: alice } : {}),
            },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode, `${op.method} ${op.path}`).toBeLessThan(500);
          expect(t.app.bff.contract.checkResponse(op.method, op.path, res.statusCode, res.json())).toEqual(
            [],
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
