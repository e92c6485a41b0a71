import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, injectAs } from '@simplebank/service-kit';
import { startStack, waitFor, type Stack } from './test-stack.ts';

let stack: Stack;
const ordersDataDir = mkdtempSync(join(tmpdir(), 'orders-saga-'));

beforeAll(async () => {
  stack = await startStack({ ordersDataDir });
  await injectAs('admin', stack.market.app, {
    method: 'PUT',
    url: '/admin/prices/ACME',
    payload: { price: '100.00' },
  });
  await injectAs('admin', stack.market.app, {
    method: 'PUT',
    url: '/admin/prices/GLBX',
    payload: { price: '50.00' },
  });
  await waitFor(
    () =>
      stack.orders.prices.get('ACME')?.price === '100.00' &&
      stack.orders.prices.get('GLBX')?.price === '50.00',
    'prices',
  );
});
afterAll(async () => {
  await stack.stop();
  rmSync(ordersDataDir, { recursive: true, force: true });
});

type Body = Record<string, unknown>;
const place = async (body: Body, key: string = randomUUID()) =>
  injectAs('customer', stack.orders.app, {
    method: 'POST',
    url: '/orders',
    payload: body,
    headers: { 'idempotency-key': key, ...(await as.customer('orders', 'u-test')) },
  });
const cancel = (id: string) =>
  injectAs('customer', stack.orders.app, { method: 'POST', url: `/orders/${id}/cancel` });
const sagaStep = async (id: string) =>
  (
    await stack.orders.db.query<{ saga_step: string; status: string }>(
      'SELECT saga_step, status FROM orders WHERE id = $1',
      [id],
    )
  )[0];
/** The saga finished and the read model caught up with it. */
const sagaDone = async (id: string) => {
  await waitFor(async () => (await sagaStep(id))?.saga_step === 'done', `saga of ${id} done`);
  const [{ version }] = (await stack.orders.db.query<{ version: number }>(
    'SELECT version FROM orders WHERE id = $1',
    [id],
  )) as [{ version: number }];
  await waitFor(
    async () =>
      // GET /orders/{id} answers from the command side until the read model catches up.
      (
        await injectAs('customer', stack.orders.app, {
          method: 'GET',
          url: `/orders/${id}?minVersion=${version}`,
        })
      ).json().servedFrom === 'read-model',
    `view of ${id}`,
  );
};
const view = async (id: string) =>
  (await injectAs('customer', stack.orders.app, { method: 'GET', url: `/orders/${id}` })).json();
const cash = async (accountId: string) => {
  const { cashAvailableMinor, cashReservedMinor } = (
    await injectAs('customer', stack.accounts.app, { method: 'GET', url: `/accounts/${accountId}` })
  ).json() as { cashAvailableMinor: number; cashReservedMinor: number };
  return { cashAvailableMinor, cashReservedMinor };
};
const holding = async (accountId: string, assetId: string) => {
  const items = (
    await injectAs('customer', stack.accounts.app, { method: 'GET', url: `/accounts/${accountId}/holdings` })
  ).json().items as { assetId: string; quantity: string; reservedQuantity: string }[];
  return items.find((h) => h.assetId === assetId) ?? { quantity: '0', reservedQuantity: '0' };
};
const ledgerOf = async (accountId: string, orderId: string) =>
  (
    (
      await injectAs('customer', stack.accounts.app, {
        method: 'GET',
        url: `/accounts/${accountId}/transactions?size=200`,
      })
    ).json().items as { orderId: string; kind: string; amountMinor: number }[]
  )
    .filter((t) => t.orderId === orderId)
    .map((t) => [t.kind, t.amountMinor]);
const eventTypes = (orderId: string) =>
  stack.seen
    .filter(
      (m) =>
        m.type.startsWith('evt.orders.') &&
        m.type !== 'evt.orders.OrderViewUpdated' &&
        (m.data as { order: { id: string } }).order.id === orderId,
    )
    .map((m) => m.type);

const buyAcme = (accountId: string, quantity = '2') => ({
  accountId,
  assetId: 'ACME',
  side: 'buy',
  type: 'market',
  quantity,
});

describe('orders: bad input', () => {
  it('answers schema violations with 400 and each field', async () => {
    const res = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'hold',
      type: 'market',
      quantity: 'ten',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['side', 'quantity']),
    );
    const noKey = await injectAs('customer', stack.orders.app, {
      method: 'POST',
      url: '/orders',
      payload: buyAcme('a-alice-1'),
    });
    expect(noKey.statusCode).toBe(400);
  });

  it('answers broken business rules with 422 and a reason code', async () => {
    expect(
      (await place({ accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', type: 'market' })).json().error,
    ).toBe('QUANTITY_REQUIRED');
    expect(
      (
        await place({ accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', type: 'limit', quantity: '1' })
      ).json().error,
    ).toBe('LIMIT_PRICE_REQUIRED');
    expect(
      (
        await place({
          accountId: 'a-alice-1',
          assetId: 'ACME',
          side: 'sell',
          type: 'market',
          amountMinor: 100,
        })
      ).json().error,
    ).toBe('AMOUNT_ONLY_FOR_MARKET_BUY');
    const unknown = await place({
      accountId: 'a-alice-1',
      assetId: 'NOPE',
      side: 'buy',
      type: 'market',
      quantity: '1',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toBe('UNKNOWN_ASSET');
  });

  it('answers unknown order ids with 404', async () => {
    expect(
      (await injectAs('customer', stack.orders.app, { method: 'GET', url: '/orders/nope' })).statusCode,
    ).toBe(404);
    expect((await cancel('nope')).statusCode).toBe(404);
    expect(
      (await injectAs('customer', stack.orders.app, { method: 'GET', url: '/orders/nope/timeline' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('orders: idempotency', () => {
  it('returns the same order for the same key and body, and 409 for another body', async () => {
    const key = randomUUID();
    const first = await place(buyAcme('a-alice-1', '1'), key);
    expect(first.statusCode).toBe(201);
    const again = await place(buyAcme('a-alice-1', '1.0'), key);
    expect(again.statusCode).toBe(200);
    expect(again.json().order.id).toBe(first.json().order.id);
    const other = await place(buyAcme('a-alice-1', '3'), key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toBe('IDEMPOTENCY_KEY_REUSED');
    await sagaDone(first.json().order.id);
  });
});

describe('orders: the saga', () => {
  it('completes a market buy: reserve, fee, market, settle; the read model follows with versions', async () => {
    const before = await cash('a-alice-1');
    const beforeQty = Number((await holding('a-alice-1', 'GLBX')).quantity);
    const res = await place({
      accountId: 'a-alice-1',
      assetId: 'GLBX',
      side: 'buy',
      type: 'market',
      quantity: '4',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json().order;
    expect(created).toMatchObject({ status: 'pending', version: 1, requestedBy: 'u-test' });
    await sagaDone(created.id);
    const final = await view(created.id);
    expect(final.order).toMatchObject({
      status: 'completed',
      fillPrice: '50',
      filledQuantity: '4',
      feeMinor: 100,
    });
    expect(Object.keys(final.order.steps)).toEqual(
      expect.arrayContaining([
        'createdAt',
        'reservedAt',
        'feeChargedAt',
        'placedAt',
        'executedAt',
        'completedAt',
      ]),
    );
    await expect
      .poll(() => eventTypes(created.id))
      .toEqual(['evt.orders.OrderCreated', 'evt.orders.OrderPlaced', 'evt.orders.OrderCompleted']);
    const versioned = await injectAs('customer', stack.orders.app, {
      method: 'GET',
      url: `/orders/${created.id}?minVersion=${final.order.version}`,
    });
    expect(versioned.json().minVersionReached).toBe(true);
    expect(
      (
        await injectAs('customer', stack.orders.app, {
          method: 'GET',
          url: `/orders/${created.id}?minVersion=${final.order.version + 1}`,
        })
      ).json().minVersionReached,
    ).toBe(false);
    // 4 × 50.00 = 200.00, fee 1.00 (minimum); the rest of the reservation (2% price buffer) came back.
    expect(await cash('a-alice-1')).toMatchObject({
      cashAvailableMinor: before.cashAvailableMinor - 20_000 - 100,
      cashReservedMinor: before.cashReservedMinor,
    });
    expect(Number((await holding('a-alice-1', 'GLBX')).quantity)).toBe(beforeQty + 4);
    expect(await ledgerOf('a-alice-1', created.id)).toEqual(
      expect.arrayContaining([
        ['fee', -100],
        ['trade', -20_000],
      ]),
    );
    const updates = () =>
      stack.seen.filter(
        (m) =>
          m.type === 'evt.orders.OrderViewUpdated' &&
          (m.data as { view: { id: string } }).view.id === created.id,
      );
    await expect
      .poll(() => updates().map((u) => (u.data as { view: { version: number } }).view.version))
      .toEqual([1, 2, 3]);
    const timeline = (
      await injectAs('customer', stack.orders.app, { method: 'GET', url: `/orders/${created.id}/timeline` })
    ).json();
    expect(timeline.entries.map((e: { step: string }) => e.step)).toEqual([
      'created; reserving',
      'reserved',
      'fee charged; sent to market',
      'placed at market',
      'executed; settling',
      'completed',
    ]);
  });

  it('completes a sell and a buy by amount', async () => {
    const sell = (
      await place({ accountId: 'a-alice-1', assetId: 'ACME', side: 'sell', type: 'market', quantity: '5' })
    ).json().order;
    const buy = (
      await place({
        accountId: 'a-alice-1',
        assetId: 'ACME',
        side: 'buy',
        type: 'market',
        amountMinor: 25_050,
      })
    ).json().order;
    await sagaDone(sell.id);
    await sagaDone(buy.id);
    expect((await view(sell.id)).order).toMatchObject({ status: 'completed', filledQuantity: '5' });
    expect((await view(buy.id)).order).toMatchObject({ status: 'completed', filledQuantity: '2.505' });
  });

  it('rejects a buy without enough cash and a sell without enough holding; nothing stays reserved', async () => {
    const before = await cash('a-bob-1');
    const buy = (await place(buyAcme('a-bob-1', '100000'))).json().order;
    const sell = (
      await place({ accountId: 'a-bob-1', assetId: 'GLBX', side: 'sell', type: 'market', quantity: '1' })
    ).json().order;
    await sagaDone(buy.id);
    await sagaDone(sell.id);
    expect((await view(buy.id)).order).toMatchObject({
      status: 'rejected',
      statusReason: 'INSUFFICIENT_CASH',
    });
    expect((await view(sell.id)).order).toMatchObject({
      status: 'rejected',
      statusReason: 'INSUFFICIENT_HOLDING',
    });
    expect(await cash('a-bob-1')).toMatchObject(before);
  });

  it('ChargeFailed: releases the reservation and rejects', async () => {
    await stack.accounts.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO customers (id, name) VALUES ('c-poor', 'Poor') ON CONFLICT DO NOTHING`);
      await tx.query(
        `INSERT INTO accounts (id, customer_id, name, currency, cash_available_minor) VALUES ('a-poor', 'c-poor', 'Poor', 'USD', 0) ON CONFLICT DO NOTHING`,
      );
      await tx.query(
        `INSERT INTO holdings (account_id, asset_id, quantity) VALUES ('a-poor', 'ACME', '3') ON CONFLICT DO NOTHING`,
      );
    });
    const order = (
      await place({ accountId: 'a-poor', assetId: 'ACME', side: 'sell', type: 'market', quantity: '3' })
    ).json().order;
    await sagaDone(order.id);
    expect((await view(order.id)).order).toMatchObject({
      status: 'rejected',
      statusReason: 'CHARGE_FAILED_INSUFFICIENT_CASH',
    });
    expect(await holding('a-poor', 'ACME')).toMatchObject({ quantity: '3', reservedQuantity: '0' });
  });

  it('OrderFailed at the market: reverses the fee and releases the reservation', async () => {
    const before = await cash('a-alice-2');
    stack.market.faults.failureRate = 1;
    const order = (await place(buyAcme('a-alice-2', '1'))).json().order;
    await sagaDone(order.id);
    stack.market.faults.failureRate = 0;
    expect((await view(order.id)).order).toMatchObject({ status: 'failed', statusReason: 'MARKET_REJECTED' });
    expect(await cash('a-alice-2')).toMatchObject(before);
    expect((await ledgerOf('a-alice-2', order.id)).sort()).toEqual([
      ['fee', -100],
      ['fee_reversal', 100],
    ]);
    await expect
      .poll(() => eventTypes(order.id))
      .toEqual(['evt.orders.OrderCreated', 'evt.orders.OrderFailed']);
  });

  it('expires an unfilled limit order and compensates it', async () => {
    const before = await cash('a-alice-2');
    const order = (
      await place({
        accountId: 'a-alice-2',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        // 10 × 10.00 reaches the 50.00 minimum order value and stays far below ACME's 100.00.
        quantity: '10',
        limitPrice: '10',
      })
    ).json().order;
    await waitFor(async () => (await sagaStep(order.id))?.status === 'placed', 'placed');
    await stack.market.db.query(`UPDATE market_orders SET expires_at = now() WHERE order_id = $1`, [
      order.id,
    ]);
    await sagaDone(order.id);
    expect((await view(order.id)).order).toMatchObject({ status: 'expired' });
    expect(await cash('a-alice-2')).toMatchObject(before);
  });
});

describe('orders: cancel', () => {
  it('before the reservation answers: cancelled at once; the late reservation is released', async () => {
    const before = await cash('a-alice-2');
    const release = stack.bus.hold('accounts-commands');
    const order = (await place(buyAcme('a-alice-2', '1'))).json().order;
    const res = await cancel(order.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'cancelled', order: { status: 'cancelled', version: 2 } });
    release();
    await sagaDone(order.id);
    expect(await cash('a-alice-2')).toMatchObject(before);
    expect(await ledgerOf('a-alice-2', order.id)).toEqual([]);
  });

  it('while the fee is being charged: the charged fee is reversed, the reservation released', async () => {
    const before = await cash('a-alice-2');
    const releaseSaga = stack.bus.hold('orders-saga');
    const order = (await place(buyAcme('a-alice-2', '1'))).json().order;
    await waitFor(
      () =>
        stack.seen.some(
          (m) =>
            m.type === 'evt.accounts.ReservationMade' && (m.data as { orderId: string }).orderId === order.id,
        ),
      'reservation',
    );
    const releaseAccounts = stack.bus.hold('accounts-commands');
    releaseSaga();
    await waitFor(async () => (await sagaStep(order.id))?.saga_step === 'charging', 'charging');
    expect((await cancel(order.id)).json().outcome).toBe('cancelled');
    releaseAccounts();
    await sagaDone(order.id);
    expect(await cash('a-alice-2')).toMatchObject(before);
    expect((await ledgerOf('a-alice-2', order.id)).sort()).toEqual([
      ['fee', -100],
      ['fee_reversal', 100],
    ]);
  });

  it('at the market gateway before sending: the gateway re-checks and does not send it', async () => {
    const before = await cash('a-alice-2');
    const releaseMarket = stack.bus.hold('market-gateway');
    const order = (await place(buyAcme('a-alice-2', '1'))).json().order;
    await waitFor(async () => (await sagaStep(order.id))?.saga_step === 'placing', 'placing');
    const res = await cancel(order.id);
    expect(res.statusCode).toBe(202);
    expect(res.json().outcome).toBe('cancel-requested');
    // The cancel reaches the gateway's queue behind the order (the outbox relays both, in order)
    // before the gateway may work: what is under test is its re-check, not a race with the relay.
    await waitFor(
      async () =>
        (
          await stack.orders.db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
          )
        )[0]?.n === 0,
      'cancel relayed',
    );
    // The gateway would send the order 5 ms after taking it; on a loaded machine the cancel behind
    // it could come later than that. Holding the send until the test ends makes the cancel find the
    // order received and not sent, however slow the machine.
    stack.market.faults.extraLatencyMs = 600_000;
    try {
      releaseMarket();
      await sagaDone(order.id);
    } finally {
      stack.market.faults.extraLatencyMs = 0;
    }
    expect((await view(order.id)).order).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(await cash('a-alice-2')).toMatchObject(before);
    expect(
      (
        await injectAs('customer', stack.market.app, { method: 'GET', url: `/market-orders/${order.id}` })
      ).json().status,
    ).toBe('cancelled');
  });

  it('after placement: asks the market, then compensates', async () => {
    const before = await cash('a-alice-2');
    const order = (
      await place({
        accountId: 'a-alice-2',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        // 10 × 10.00 reaches the 50.00 minimum order value and stays far below ACME's 100.00.
        quantity: '10',
        limitPrice: '10',
      })
    ).json().order;
    await waitFor(async () => (await sagaStep(order.id))?.status === 'placed', 'placed');
    expect((await cancel(order.id)).statusCode).toBe(202);
    expect((await cancel(order.id)).statusCode).toBe(202);
    await sagaDone(order.id);
    expect((await view(order.id)).order).toMatchObject({ status: 'cancelled' });
    await expect
      .poll(() => eventTypes(order.id))
      .toEqual([
        'evt.orders.OrderCreated',
        'evt.orders.OrderPlaced',
        'evt.orders.OrderCancelRequested',
        'evt.orders.OrderCanceled',
      ]);
    expect(await cash('a-alice-2')).toMatchObject(before);
    expect((await cancel(order.id)).statusCode).toBe(200);
  });

  it('after execution: refused with ORDER_ALREADY_EXECUTED; a rejected order: ORDER_NOT_CANCELABLE', async () => {
    const done = (await place(buyAcme('a-alice-2', '1'))).json().order;
    await sagaDone(done.id);
    const res = await cancel(done.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('ORDER_ALREADY_EXECUTED');
    const rejected = (await place(buyAcme('a-bob-1', '1000000'))).json().order;
    await sagaDone(rejected.id);
    expect((await cancel(rejected.id)).json().error).toBe('ORDER_NOT_CANCELABLE');
  });
});

describe('orders: bulk query and read model', () => {
  it('pages order views across accounts, filtered by status and asset', async () => {
    const all = (
      await injectAs('customer', stack.orders.app, {
        method: 'GET',
        url: '/orders?accountIds=a-alice-1,a-alice-2&size=200',
      })
    ).json();
    expect(all.total).toBeGreaterThan(5);
    expect(
      all.items.every((o: { accountId: string }) => ['a-alice-1', 'a-alice-2'].includes(o.accountId)),
    ).toBe(true);
    const page = (
      await injectAs('customer', stack.orders.app, {
        method: 'GET',
        url: '/orders?accountIds=a-alice-1,a-alice-2&page=2&size=2',
      })
    ).json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBe(all.items[2].id);
    const closed = (
      await injectAs('customer', stack.orders.app, {
        method: 'GET',
        url: '/orders?accountIds=a-alice-2&status=closed&assetId=ACME',
      })
    ).json();
    expect(
      closed.items.every(
        (o: { status: string; assetId: string }) =>
          o.status !== 'pending' && o.status !== 'placed' && o.assetId === 'ACME',
      ),
    ).toBe(true);
    expect(
      (await injectAs('customer', stack.orders.app, { method: 'GET', url: '/orders?status=sideways' }))
        .statusCode,
    ).toBe(400);
  });

  it('filters order views by creation date: from inclusive, to exclusive', async () => {
    const get = (url: string) => injectAs('customer', stack.orders.app, { method: 'GET', url });
    const all = (await get('/orders?accountIds=a-alice-1,a-alice-2&size=200')).json();
    const items = all.items as { id: string; createdAt: string }[];
    expect(items.length).toBeGreaterThan(2);
    const pivot = items[Math.floor(items.length / 2)]!;
    const at = new Date(pivot.createdAt).getTime();
    const before = items.filter((o) => new Date(o.createdAt).getTime() < at).map((o) => o.id);
    const since = items.filter((o) => new Date(o.createdAt).getTime() >= at).map((o) => o.id);
    expect(before.length + since.length).toBe(items.length);
    const iso = encodeURIComponent(new Date(at).toISOString());
    const fromPage = (await get(`/orders?accountIds=a-alice-1,a-alice-2&size=200&from=${iso}`)).json();
    expect(fromPage.items.map((o: { id: string }) => o.id)).toEqual(since);
    expect(fromPage.items.map((o: { id: string }) => o.id)).toContain(pivot.id);
    expect(fromPage.total).toBe(since.length);
    const toPage = (await get(`/orders?accountIds=a-alice-1,a-alice-2&size=200&to=${iso}`)).json();
    expect(toPage.items.map((o: { id: string }) => o.id)).toEqual(before);
    expect(toPage.items.map((o: { id: string }) => o.id)).not.toContain(pivot.id);
    const empty = (await get(`/orders?accountIds=a-alice-1&from=${iso}&to=${iso}`)).json();
    expect(empty).toMatchObject({ items: [], total: 0 });

    for (const [name, value] of [
      ['from', 'yesterday'],
      ['to', '2026-13-45T00:00:00Z'],
    ] as const) {
      const bad = await get(`/orders?${name}=${encodeURIComponent(value)}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
      expect(bad.json().details).toContainEqual({ field: `query:${name}`, reason: expect.any(String) });
    }
  });

  it('reports its lag', async () => {
    const status = (
      await injectAs('customer', stack.orders.app, { method: 'GET', url: '/read-model/status' })
    ).json();
    expect(status).toMatchObject({ lagMs: 0 });
    expect(status.eventsBehind).toBeGreaterThanOrEqual(0);
  });
});

describe('50 concurrent sells of one holding', () => {
  it('never oversells: exactly the held quantity is sold, the rest is rejected', async () => {
    // bob holds 10 ACME.
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        injectAs('customer', stack.orders.app, {
          method: 'POST',
          url: '/orders',
          payload: { accountId: 'a-bob-1', assetId: 'ACME', side: 'sell', type: 'market', quantity: '1' },
          headers: { 'idempotency-key': randomUUID() },
        }),
      ),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const ids = responses.map((r) => r.json().order.id as string);
    const statuses = async () =>
      await stack.orders.db.query<{ status: string; saga_step: string }>(
        'SELECT status, saga_step FROM orders WHERE id = ANY($1::text[])',
        [ids],
      );
    await waitFor(
      async () => (await statuses()).every((s) => s.saga_step === 'done'),
      'all sagas done',
      60_000,
    );
    const final = await statuses();
    expect(final.filter((s) => s.status === 'completed')).toHaveLength(10);
    expect(final.filter((s) => s.status === 'rejected')).toHaveLength(40);
    const holdings = (
      await injectAs('customer', stack.accounts.app, { method: 'GET', url: '/accounts/a-bob-1/holdings' })
    ).json().items as { assetId: string }[];
    expect(holdings.find((h) => h.assetId === 'ACME')).toBeUndefined();
  });
});

const placeBuy = (accountId: string) =>
  injectAs('customer', stack.orders.app, {
    method: 'POST',
    url: '/orders',
    payload: { accountId, assetId: 'ACME', side: 'buy', type: 'market', quantity: '2' },
    headers: { 'idempotency-key': randomUUID() },
  });
const stepOf = async (id: string) =>
  (
    await stack.orders.db.query<{ saga_step: string; status: string }>(
      'SELECT saga_step, status FROM orders WHERE id = $1',
      [id],
    )
  )[0];
const seenFor = (type: string, orderId: string) =>
  stack.seen.filter((m) => m.type === type && (m.data as { orderId?: string }).orderId === orderId).length;
const acme = async (accountId: string) =>
  Number(
    (
      (
        await injectAs('customer', stack.accounts.app, {
          method: 'GET',
          url: `/accounts/${accountId}/holdings`,
        })
      ).json().items as { assetId: string; quantity: string }[]
    ).find((h) => h.assetId === 'ACME')?.quantity ?? 0,
  );
const effects = async (accountId: string, orderId: string) =>
  (
    (
      await injectAs('customer', stack.accounts.app, {
        method: 'GET',
        url: `/accounts/${accountId}/transactions?size=200`,
      })
    ).json().items as { orderId: string; kind: string; amountMinor: number }[]
  )
    .filter((t) => t.orderId === orderId)
    .map((t) => [t.kind, t.amountMinor])
    .sort();

// The orders service is stopped in the middle of a saga, the other services go on meanwhile,
// and a new orders process on the same data must finish the saga with every effect exactly once.
describe('orders restarted mid-saga', () => {
  it('finishes a saga whose trade executed while orders was down, settling it once', async () => {
    const holdingBefore = await acme('a-alice-1');
    stack.market.faults.extraLatencyMs = 300;
    const order = (await placeBuy('a-alice-1')).json().order;
    await waitFor(
      async () =>
        (await injectAs('customer', stack.market.app, { method: 'GET', url: `/market-orders/${order.id}` }))
          .statusCode === 200,
      'order at the market',
    );
    await stack.restartOrders(async () => {
      stack.market.faults.extraLatencyMs = 0;
      // While orders is down the market executes the trade; its event waits for orders.
      await waitFor(
        () => seenFor('evt.market.TradeExecuted', order.id) >= 1,
        'trade executed while orders is down',
      );
    });
    await waitFor(async () => (await stepOf(order.id))?.saga_step === 'done', 'saga done after restart');
    expect((await stepOf(order.id))?.status).toBe('completed');
    expect(await effects('a-alice-1', order.id)).toEqual([
      ['fee', -100],
      ['trade', -20_000],
    ]);
    expect(await acme('a-alice-1')).toBe(holdingBefore + 2);
    const timeline = (
      await injectAs('customer', stack.orders.app, { method: 'GET', url: `/orders/${order.id}/timeline` })
    )
      .json()
      .entries.map((e: { step: string }) => e.step);
    expect(timeline).toContain('resent placing command');
    expect(timeline.filter((s: string) => s === 'completed')).toHaveLength(1);
  });

  it('finishes a saga stopped while waiting for its reservation, reserving and charging once', async () => {
    const holdingBefore = await acme('a-alice-2');
    const releaseAccounts = stack.bus.hold('accounts-commands');
    const order = (await placeBuy('a-alice-2')).json().order;
    await waitFor(() => stack.bus.pending('accounts-commands') >= 1, 'Reserve sent');
    await stack.restartOrders(async () => {
      releaseAccounts();
      await waitFor(
        () => seenFor('evt.accounts.ReservationMade', order.id) >= 1,
        'reservation made while orders is down',
      );
    });
    await waitFor(async () => (await stepOf(order.id))?.saga_step === 'done', 'saga done after restart');
    expect((await stepOf(order.id))?.status).toBe('completed');
    // The resumed saga sent Reserve again; accounts answered it with the same reservation.
    expect(seenFor('evt.accounts.ReservationMade', order.id)).toBeGreaterThanOrEqual(1);
    expect(await effects('a-alice-2', order.id)).toEqual([
      ['fee', -100],
      ['trade', -20_000],
    ]);
    expect(await acme('a-alice-2')).toBe(holdingBefore + 2);
  });
});
