import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectAs } from '@simplebank/service-kit';
import { startStack, waitFor, type Stack } from './test-stack.ts';

// The read model lags a minute behind the commands (ORDERS_READ_MODEL_LAG_MS), so nothing a test
// does here is ever projected: every read and cancel below meets the command side only.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ readModelLagMs: 60_000 });
  await injectAs('admin', stack.market.app, {
    method: 'PUT',
    url: '/admin/prices/ACME',
    payload: { price: '100.00' },
  });
  await waitFor(() => stack.orders.prices.get('ACME')?.price === '100.00', 'ACME at 100.00');
});
afterAll(async () => {
  await stack.stop();
});

const place = (body: Record<string, unknown>) =>
  injectAs('customer', stack.orders.app, {
    method: 'POST',
    url: '/orders',
    payload: body,
    headers: { 'idempotency-key': randomUUID() },
  });

describe('read-your-writes on the orders service', () => {
  it('reads and cancels each of 10 orders straight after its 201, before the read model has it', async () => {
    for (let n = 0; n < 10; n++) {
      const created = await place({
        accountId: 'a-alice-1',
        assetId: 'ACME',
        side: 'buy',
        type: 'limit',
        quantity: '1',
        limitPrice: '60',
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, version } = created.json().order as { id: string; version: number };

      const read = await injectAs('customer', stack.orders.app, {
        method: 'GET',
        url: `/orders/${id}?minVersion=${version}`,
      });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({
        order: { id, version, accountId: 'a-alice-1', projectedAt: null },
        minVersionReached: true,
        servedFrom: 'write-side',
      });

      const cancelled = await injectAs('customer', stack.orders.app, {
        method: 'POST',
        url: `/orders/${id}/cancel`,
      });
      expect([200, 202], cancelled.body).toContain(cancelled.statusCode);
      const after = await injectAs('customer', stack.orders.app, { method: 'GET', url: `/orders/${id}` });
      expect(after.json().order).toMatchObject({ id, cancelRequested: true });
      expect(after.json().order.version).toBeGreaterThan(version);
    }
    // None of this came from the read model: it has projected nothing.
    const list = await injectAs('customer', stack.orders.app, {
      method: 'GET',
      url: '/orders?accountIds=a-alice-1',
    });
    expect(list.json().total).toBe(0);
  });

  it('still answers 404 for an order that does not exist', async () => {
    const res = await injectAs('customer', stack.orders.app, {
      method: 'GET',
      url: `/orders/${randomUUID()}`,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the minimum order value', () => {
  it('says the rule', async () => {
    const res = await injectAs('customer', stack.orders.app, { method: 'GET', url: '/order-rules' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ minimumOrderValueMinor: 5000 });
  });

  it('refuses orders worth less than 50.00 with 422 naming the field, and takes 50.00', async () => {
    const tiny = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'market',
      quantity: '0.0001',
    });
    expect(tiny.statusCode).toBe(422);
    expect(tiny.json()).toMatchObject({
      error: 'ORDER_BELOW_MINIMUM',
      details: [{ field: 'quantity', reason: expect.stringContaining('50.00') }],
      minimumOrderValueMinor: 5000,
    });
    const limit = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'limit',
      quantity: '4',
      limitPrice: '12.49',
    });
    expect(limit.statusCode).toBe(422);
    expect(limit.json().details[0].field).toBe('quantity');
    const amount = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'market',
      amountMinor: 4999,
    });
    expect(amount.statusCode).toBe(422);
    expect(amount.json().details[0].field).toBe('amountMinor');
    const sell = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'sell',
      type: 'market',
      quantity: '0.49',
    });
    expect(sell.json().error).toBe('ORDER_BELOW_MINIMUM');

    const atMinimum = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      limitPrice: '50',
    });
    expect(atMinimum.statusCode, atMinimum.body).toBe(201);
    const byAmount = await place({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      side: 'buy',
      type: 'market',
      amountMinor: 5000,
    });
    expect(byAmount.statusCode, byAmount.body).toBe(201);
  });
});
