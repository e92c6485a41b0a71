import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { CSRF, expectContract, login, makeApp, type TestApp } from './helpers.ts';

const ORDERS_CANARY = { name: 'orders', version: '1.1.0-abcdef0123', canary: true };
const SHELL_ADMIN = { name: 'admin', version: '1.0.0-0123456789', canary: false };

/**
 * Which builds served a customer (issue 14): the shell reports the fragment builds it loaded, the
 * BFF keeps them with the session and the order placement's audit entry, and the admin sees them
 * on the order's timeline and the user's builds.
 */
describe('session builds', () => {
  let services: EmbeddedServices;
  let t: TestApp;
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 0,
      logLevel: 'silent',
      market: { tickMs: 60_000 },
    });
    t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
    alice = await login(t.app, 'alice');
    admin = await login(t.app, 'admin');
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
  });

  const report = (cookie: string, fragments: unknown[]) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/session/builds',
      headers: { ...CSRF, cookie },
      payload: { fragments },
    });

  const placeOrder = async (cookie: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...CSRF, cookie, 'idempotency-key': randomUUID() },
      payload: {
        accountId: 'a-alice-1',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        quantity: '1',
        limitPrice: '50.00',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  const timeline = async (orderId: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/orders/${orderId}/timeline`,
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectContract(t.app, res, 'get', '/api/admin/orders/{id}/timeline');
    return res.json() as { servedBy: unknown };
  };

  it('shows on the timeline the builds the customer had loaded when placing the order', async () => {
    const before = await placeOrder(alice);
    expect((await report(alice, [ORDERS_CANARY, SHELL_ADMIN])).statusCode).toBe(204);
    const after = await placeOrder(alice);

    expect((await timeline(before)).servedBy).toBeNull();
    expect((await timeline(after)).servedBy).toEqual([ORDERS_CANARY, SHELL_ADMIN]);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?action=order.place`,
      headers: { cookie: admin },
    });
    const entry = (audit.json() as { items: { target: string; builds?: unknown }[] }).items.find(
      (e) => e.target === `order:${after}`,
    );
    expect(entry?.builds).toEqual([ORDERS_CANARY, SHELL_ADMIN]);
  });

  it("lists a user's sessions with the builds they reported, newest first", async () => {
    const otherSession = await login(t.app, 'alice');
    const stable = { ...ORDERS_CANARY, version: '1.0.0-9999999999', canary: false };
    expect((await report(otherSession, [stable])).statusCode).toBe(204);

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users/u-alice/builds',
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'get', '/api/admin/users/{id}/builds');
    const items = (res.json() as { items: { fragments: unknown[] }[] }).items;
    expect(items.map((i) => i.fragments)).toEqual([[stable], [ORDERS_CANARY, SHELL_ADMIN]]);
    // A user who reported nothing has no builds.
    const bob = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users/u-bob/builds',
      headers: { cookie: admin },
    });
    expect(bob.json()).toEqual({ items: [] });
  });

  it('refuses a report naming a fragment twice or a version that is no build, with the field', async () => {
    const twice = await report(alice, [ORDERS_CANARY, { ...ORDERS_CANARY, canary: false }]);
    expect(twice.statusCode).toBe(400);
    // The bad_request code is the BFF's own check (a schema cannot say "unique by name").
    expect(twice.json()).toMatchObject({ error: { fields: [{ field: 'body.fragments.1.name' }] } });

    const badVersion = await report(alice, [{ ...ORDERS_CANARY, version: 'latest' }]);
    expect(badVersion.statusCode).toBe(400);
    expect(badVersion.json()).toMatchObject({ error: { fields: [{ field: 'body.fragments.0.version' }] } });
  });
});
