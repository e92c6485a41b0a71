import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBackbone, createMessage } from '@simplebank/events';
import { createLogger, injectAs, testTrust } from '@simplebank/service-kit';
import { startOrdersService, type RunningOrdersService } from './service.ts';
import { waitFor } from './test-stack.ts';

// A read model far behind (one minute): the command has been taken, the view has not appeared.
let bus: InProcessBackbone;
let orders: RunningOrdersService;
beforeAll(async () => {
  bus = new InProcessBackbone();
  orders = await startOrdersService({
    bus,
    database: { dataDir: 'memory://' },
    readModelLagMs: 60_000,
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

describe('the lagging read model', () => {
  it('answers from the command side while the view is missing, lists nothing yet, and reports how far behind it is', async () => {
    const created = await injectAs('customer', orders.app, {
      method: 'POST',
      url: '/orders',
      payload: { accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', type: 'market', quantity: '1' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json().order;
    const res = await injectAs('customer', orders.app, {
      method: 'GET',
      url: `/orders/${id}?minVersion=${version}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      order: { id, version, status: 'pending', projectedAt: null },
      minVersionReached: true,
      servedFrom: 'write-side',
    });
    expect(
      (await injectAs('customer', orders.app, { method: 'GET', url: '/orders?accountIds=a-alice-1' })).json()
        .total,
    ).toBe(0);
    const status = (
      await injectAs('customer', orders.app, { method: 'GET', url: '/read-model/status' })
    ).json();
    expect(status).toMatchObject({ lagMs: 60_000, eventsBehind: 1, lastProjectedAt: null });
    expect(status.secondsBehind).toBeGreaterThanOrEqual(0);
  });
});
