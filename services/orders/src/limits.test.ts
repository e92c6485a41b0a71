import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBackbone, createMessage } from '@simplebank/events';
import { createLogger, injectAs, testTrust } from '@simplebank/service-kit';
import { startOrdersService, type RunningOrdersService } from './service.ts';
import { waitFor } from './test-stack.ts';

// Domain bounds (issue 10): input the orders service cannot hold is a 4xx naming the field, never a
// 500 that a caller's breaker would count against everyone.
let bus: InProcessBackbone;
let orders: RunningOrdersService;
beforeAll(async () => {
  bus = new InProcessBackbone();
  orders = await startOrdersService({
    bus,
    database: { dataDir: 'memory://' },
    readModelLagMs: 0,
    logger: createLogger('test', 'silent'),
    trust: await testTrust('orders'),
  });
  await bus.publish(
    createMessage(
      'evt.market.PriceTick',
      { prices: [{ assetId: 'ACME', price: '100', currency: 'USD', at: new Date().toISOString() }] },
      { source: 'market' },
    ),
  );
  await waitFor(() => orders.prices.size > 0, 'price');
});
afterAll(async () => {
  await orders.stop();
  await bus.close();
});

const place = (body: Record<string, unknown>) =>
  injectAs('customer', orders.app, {
    method: 'POST',
    url: '/orders',
    payload: { accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', ...body },
    headers: { 'idempotency-key': randomUUID() },
  });
const fields = (res: { json(): { details?: { field: string }[] } }) =>
  (res.json().details ?? []).map((d) => d.field);

describe('orders: domain bounds', () => {
  it('refuses a quantity and limit price beyond the columns with 400 naming both fields', async () => {
    const res = await place({
      type: 'limit',
      quantity: '999999999999999.99999999',
      limitPrice: '999999999999999.99999999',
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['quantity', 'limitPrice']));
  });

  it('refuses an order worth more than 1,000,000,000.00 with 422 ORDER_VALUE_TOO_LARGE naming quantity', async () => {
    const res = await place({ type: 'limit', quantity: '999999999999', limitPrice: '9999999999' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('ORDER_VALUE_TOO_LARGE');
    expect(fields(res)).toEqual(['quantity']);
    // A market buy is valued at the last price plus its buffer: 10,000,000 × 102 is too much.
    const market = await place({ type: 'market', quantity: '10000000' });
    expect(market.statusCode).toBe(422);
    expect(market.json().error).toBe('ORDER_VALUE_TOO_LARGE');
  });

  it('takes the largest order that fits', async () => {
    const res = await place({ type: 'limit', quantity: '10000000', limitPrice: '100' });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a NUL in a text field or path with 400 naming it', async () => {
    const res = await place({ type: 'market', quantity: '1', assetId: 'AC\u0000ME' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['assetId']);
    const path = await injectAs('customer', orders.app, { method: 'GET', url: '/orders/o-%00' });
    expect(path.statusCode).toBe(400);
    expect(fields(path)).toEqual(['params:orderId']);
  });
});
