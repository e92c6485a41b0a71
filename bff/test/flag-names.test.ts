import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

/**
 * #10 defect 6: a flag named `toString` or `constructor` was accepted, and from then on
 * `GET /api/flags`, every limit order and every investment answered 500, across restarts.
 */
describe('flag names that could collide with object prototype keys', () => {
  let services: FakeServices;
  let t: TestApp;
  let admin: string;
  let alice: string;

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({ services: services.urls, resilience: { maxAttempts: 1 } });
    admin = await login(t.app, 'admin');
    alice = await login(t.app, 'alice');
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });

  const putFlags = (payload: string, cookie = admin) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/admin/flags',
      headers: { ...CSRF, cookie, 'content-type': 'application/json' },
      payload,
    });
  const fieldsOf = (body: string): string[] =>
    ((JSON.parse(body) as { error: { fields?: { field: string }[] } }).error.fields ?? []).map(
      (f) => f.field,
    );

  /** The features behind flags, as a customer uses them. */
  async function expectFeaturesWork(): Promise<void> {
    const flags = await t.app.inject({ method: 'GET', url: '/api/flags', headers: { cookie: alice } });
    expect(flags.statusCode, flags.body).toBe(200);
    expectContract(t.app, flags, 'GET', '/api/flags');
    expect(flags.json().flags).toMatchObject({ 'orders.limitOrders': true, 'strategies.invest': true });
    const limitOrder = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': `flag-names-${randomUUID()}` },
      payload: {
        accountId: 'a-alice-1',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        quantity: '1',
        limitPrice: '1.00',
      },
    });
    expect(limitOrder.statusCode, limitOrder.body).toBe(201);
    const investment = await t.app.inject({
      method: 'POST',
      url: '/api/strategies/s-balanced-growth/investments',
      headers: { ...CSRF, cookie: alice, 'idempotency-key': `flag-names-${randomUUID()}` },
      payload: { accountId: 'a-alice-1', amount: '50.00' },
    });
    expect(investment.statusCode, investment.body).toBe(201);
  }

  it('refuses toString, constructor and __proto__ as flag names with 400 naming the field', async () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      for (const [payload, field] of [
        [`{"flags":{"${name}":true}}`, `body.flags.${name}`],
        [`{"targeting":{"${name}":["admin"]}}`, `body.targeting.${name}`],
      ] as const) {
        const res = await putFlags(payload);
        expect(res.statusCode, `${payload}: ${res.body}`).toBe(400);
        expectContract(t.app, res, 'PUT', '/api/admin/flags');
        expect(fieldsOf(res.body), payload).toContain(field);
      }
    }
    // The JSON parser refuses a __proto__ key before the schema sees it: the field is the body.
    for (const payload of ['{"flags":{"__proto__":true}}', '{"targeting":{"__proto__":["admin"]}}']) {
      const res = await putFlags(payload);
      expect(res.statusCode, payload).toBe(400);
      expectContract(t.app, res, 'PUT', '/api/admin/flags');
      expect(fieldsOf(res.body)).toEqual(['body']);
    }
    const read = await t.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: admin } });
    expect(Object.keys(read.json().flags).sort()).toEqual(['orders.limitOrders', 'strategies.invest']);
    await expectFeaturesWork();
  });

  it('keeps flags, limit orders and investments working when the stored flags hold such a name', async () => {
    // A document written before names were checked, as found after a restart.
    await t.app.bff.database.query(
      `INSERT INTO bff_documents (name, doc) VALUES ('flags', $1::json)
       ON CONFLICT (name) DO UPDATE SET doc = EXCLUDED.doc`,
      [
        JSON.stringify({
          flags: {
            'orders.limitOrders': true,
            'strategies.invest': true,
            toString: true,
            constructor: false,
          },
          targeting: { toString: ['admin'], constructor: ['customer'] },
          version: 7,
        }),
      ],
    );
    await expectFeaturesWork();
    const read = await t.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: admin } });
    expect(read.statusCode).toBe(200);
    expectContract(t.app, read, 'GET', '/api/admin/flags');
    expect(read.json()).toEqual({
      flags: { 'orders.limitOrders': true, 'strategies.invest': true },
      targeting: {},
      version: 7,
    });
    // The next change writes the document back without them.
    const changed = await putFlags('{"flags":{"orders.limitOrders":true}}');
    expect(changed.statusCode).toBe(200);
    expect(Object.keys(changed.json().flags).sort()).toEqual(['orders.limitOrders', 'strategies.invest']);
  });

  it('deletes a flag (audited), answers 404 for an unknown one and 400 for a name that is not a flag name', async () => {
    expect(
      (await putFlags('{"flags":{"reports.export":true},"targeting":{"reports.export":["admin"]}}'))
        .statusCode,
    ).toBe(200);
    const del = (name: string, cookie = admin) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/admin/flags/${encodeURIComponent(name)}`,
        headers: { ...CSRF, cookie },
      });

    const asCustomer = await del('reports.export', alice);
    expect(asCustomer.statusCode).toBe(403);
    expectContract(t.app, asCustomer, 'DELETE', '/api/admin/flags/{name}');

    const before = (
      await t.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: admin } })
    ).json();
    const res = await del('reports.export');
    expect(res.statusCode, res.body).toBe(200);
    expectContract(t.app, res, 'DELETE', '/api/admin/flags/{name}');
    expect(res.json().flags).not.toHaveProperty(['reports.export']);
    expect(res.json().targeting).not.toHaveProperty(['reports.export']);
    expect(res.json().version).toBe(before.version + 1);
    const seen = (
      await t.app.inject({ method: 'GET', url: '/api/flags', headers: { cookie: admin } })
    ).json();
    expect(seen.flags).not.toHaveProperty(['reports.export']);

    const again = await del('reports.export');
    expect(again.statusCode).toBe(404);
    expectContract(t.app, again, 'DELETE', '/api/admin/flags/{name}');

    const bad = await del('toString');
    expect(bad.statusCode).toBe(400);
    expectContract(t.app, bad, 'DELETE', '/api/admin/flags/{name}');
    expect(fieldsOf(bad.body)).toEqual(['params.name']);

    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=flags.delete',
      headers: { cookie: admin },
    });
    expect(
      audit
        .json()
        .items.map((e: { target: string; outcome: string; username: string }) => [
          e.target,
          e.outcome,
          e.username,
        ]),
    ).toEqual([
      ['flag:reports.export', 'failure', 'admin'],
      ['flag:reports.export', 'success', 'admin'],
    ]);
  });
});
