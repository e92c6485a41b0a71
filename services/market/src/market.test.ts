import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBackbone, createMessage, type AnyEnvelope, type MessageData } from '@simplebank/events';
import { as, createLogger, injectAs, testTrust } from '@simplebank/service-kit';
import { PriceBook } from './prices.ts';
import { startMarketService, type RunningMarketService } from './service.ts';

const logger = createLogger('market-test', 'silent');
let bus: InProcessBackbone;
let market: RunningMarketService;
const seen: AnyEnvelope[] = [];

beforeAll(async () => {
  bus = new InProcessBackbone({ redeliveryDelayMs: 10 });
  await bus.subscribe({
    consumer: 'probe',
    subjects: ['evt.market.>'],
    handler: async (m) => void seen.push(m),
  });
  market = await startMarketService({
    bus,
    database: { dataDir: 'memory://' },
    tickMs: 0,
    logger,
    trust: await testTrust('market'),
    timing: { sendLatencyMs: 10, fillLatencyMs: 10, limitOrderTtlMs: 60_000 },
  });
});
afterAll(async () => {
  await market.stop();
  await bus.close();
});

const place = (data: Partial<MessageData<'cmd.market.PlaceOrder'>> & { orderId: string }) =>
  bus.publish(
    createMessage(
      'cmd.market.PlaceOrder',
      {
        assetId: 'ACME',
        side: 'buy',
        type: 'market',
        quantity: '1',
        amountMinor: null,
        limitPrice: null,
        priceCap: null,
        ...data,
      },
      { source: 'test' },
    ),
  );
const eventsOf = (orderId: string) =>
  seen.filter((m) => (m.data as { orderId?: string }).orderId === orderId).map((m) => m.type);
const setPrice = (assetId: string, price: string) =>
  injectAs('admin', market.app, { method: 'PUT', url: `/admin/prices/${assetId}`, payload: { price } });

describe('market quotes', () => {
  it('lists at least 20 assets across shares, funds, bonds and currencies, with prices as decimal strings', async () => {
    const items = (await injectAs('customer', market.app, { method: 'GET', url: '/assets' })).json()
      .items as {
      type: string;
      price: string;
    }[];
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(new Set(items.map((a) => a.type))).toEqual(new Set(['share', 'fund', 'bond', 'currency']));
    for (const a of items) expect(a.price).toMatch(/^\d+\.\d+$/);
    const bonds = (await injectAs('customer', market.app, { method: 'GET', url: '/assets?type=bond' })).json()
      .items;
    expect(bonds.every((a: { type: string }) => a.type === 'bond')).toBe(true);
    expect((await injectAs('customer', market.app, { method: 'GET', url: '/assets/NOPE' })).statusCode).toBe(
      404,
    );
    expect(
      (await injectAs('customer', market.app, { method: 'GET', url: '/assets?type=crypto' })).statusCode,
    ).toBe(400);
    const prices = (
      await injectAs('customer', market.app, { method: 'GET', url: '/prices?assetIds=ACME,EUR' })
    ).json().items;
    expect(prices.map((p: { assetId: string }) => p.assetId)).toEqual(['ACME', 'EUR']);
  });

  it('announces the first prices at start', async () => {
    await expect.poll(() => seen.some((m) => m.type === 'evt.market.PriceTick')).toBe(true);
    const tick = seen.find((m) => m.type === 'evt.market.PriceTick');
    expect((tick?.data as { prices: unknown[] }).prices.length).toBeGreaterThanOrEqual(20);
  });

  it("answers each asset's trading day: the opening price, then the day's high and low; a new UTC day opens at its first price", async () => {
    const hooli = async () =>
      (await injectAs('customer', market.app, { method: 'GET', url: '/assets/HOOL' })).json() as {
        price: string;
        priceTime: string;
        day: { date: string; open: string; high: string; low: string };
      };
    const today = new Date().toISOString().slice(0, 10);
    // The exchange opened today at the listed price (catalog.ts).
    expect((await hooli()).day).toEqual({ date: today, open: '95.00', high: '95.00', low: '95.00' });
    expect((await setPrice('HOOL', '97.5')).statusCode).toBe(200);
    expect((await setPrice('HOOL', '93.25')).statusCode).toBe(200);
    expect((await setPrice('HOOL', '96')).statusCode).toBe(200);
    expect(await hooli()).toMatchObject({
      price: '96.00',
      day: { date: today, open: '95.00', high: '97.50', low: '93.25' },
    });
    const listed = (
      await injectAs('customer', market.app, { method: 'GET', url: '/assets?type=share' })
    ).json().items as { id: string; day: unknown }[];
    expect(listed.find((a) => a.id === 'HOOL')?.day).toEqual((await hooli()).day);

    // A price written tomorrow (UTC) opens tomorrow's day at that price.
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 24 * 3600_000 + 60_000);
    await market.db.transaction((tx) =>
      market.prices.persist(tx, [market.prices.setPrice('HOOL', '96.40', tomorrow)]),
    );
    expect(await hooli()).toMatchObject({
      price: '96.40',
      priceTime: tomorrow.toISOString(),
      day: { date: tomorrow.toISOString().slice(0, 10), open: '96.40', high: '96.40', low: '96.40' },
    });
  });

  it('walks prices deterministically for a seed', () => {
    const a = new PriceBook(7);
    const b = new PriceBook(7);
    const stepA = a.step(new Date(0)).map((q) => q.price);
    const stepB = b.step(new Date(0)).map((q) => q.price);
    expect(stepA).toEqual(stepB);
    expect(new PriceBook(8).step(new Date(0)).map((q) => q.price)).not.toEqual(stepA);
  });

  it('lets only admins inject faults, and answers 503 while down', async () => {
    expect(
      (
        await injectAs('customer', market.app, {
          method: 'PUT',
          url: '/admin/faults',
          payload: { down: true },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await injectAs('admin', market.app, {
          method: 'PUT',
          url: '/admin/faults',
          payload: { failureRate: 2 },
        })
      ).statusCode,
    ).toBe(400);
    const set = await injectAs('admin', market.app, {
      method: 'PUT',
      url: '/admin/faults',
      payload: { down: true },
    });
    expect(set.json()).toEqual({ failureRate: 0, extraLatencyMs: 0, down: true });
    const quote = await injectAs('customer', market.app, { method: 'GET', url: '/assets/ACME' });
    expect(quote.statusCode).toBe(503);
    expect(quote.json().error).toBe('MARKET_UNAVAILABLE');
    await injectAs('admin', market.app, {
      method: 'PUT',
      url: '/admin/faults',
      payload: { down: false },
    });
    expect((await injectAs('customer', market.app, { method: 'GET', url: '/assets/ACME' })).statusCode).toBe(
      200,
    );
  });
});

describe('market admin routes trust only the service token', () => {
  // A header naming a role is no credential (docs/SECURITY.md): only a signed admin token is.
  it('refuses PUT /admin/prices with x-simplebank-role: admin and no token (401), or a customer token (403)', async () => {
    const before = (await injectAs('customer', market.app, { method: 'GET', url: '/assets/ACME' })).json()
      .price;
    const byHeader = await market.app.inject({
      method: 'PUT',
      url: '/admin/prices/ACME',
      headers: { 'x-simplebank-role': 'admin', 'x-user-id': 'u-admin' },
      payload: { price: '1.00' },
    });
    expect(byHeader.statusCode).toBe(401);
    expect(byHeader.json().error).toBe('UNAUTHENTICATED');
    const byCustomer = await market.app.inject({
      method: 'PUT',
      url: '/admin/prices/ACME',
      headers: { ...(await as.customer('market')), 'x-simplebank-role': 'admin' },
      payload: { price: '1.00' },
    });
    expect(byCustomer.statusCode).toBe(403);
    const after = (await injectAs('customer', market.app, { method: 'GET', url: '/assets/ACME' })).json()
      .price;
    expect(after).toBe(before);
  });

  it('refuses GET /admin/faults to a customer token', async () => {
    expect((await injectAs('customer', market.app, { method: 'GET', url: '/admin/faults' })).statusCode).toBe(
      403,
    );
    expect((await injectAs('admin', market.app, { method: 'GET', url: '/admin/faults' })).statusCode).toBe(
      200,
    );
  });
});

describe('market gateway', () => {
  it('accepts then fills a market order by amount at the current price, and answers a repeated command with the same outcome', async () => {
    await setPrice('GLBX', '80.00');
    const orderId = randomUUID();
    await place({ orderId, assetId: 'GLBX', quantity: null, amountMinor: 20_000 });
    await expect
      .poll(() => eventsOf(orderId))
      .toEqual(['evt.market.OrderPlaced', 'evt.market.TradeExecuted']);
    const trade = seen.find(
      (m) => m.type === 'evt.market.TradeExecuted' && (m.data as { orderId: string }).orderId === orderId,
    )!;
    expect(trade.data).toMatchObject({ price: '80', quantity: '2.5' });
    await place({ orderId, assetId: 'GLBX', quantity: null, amountMinor: 20_000 });
    await expect
      .poll(() => eventsOf(orderId))
      .toEqual(['evt.market.OrderPlaced', 'evt.market.TradeExecuted', 'evt.market.TradeExecuted']);
  });

  it('fails a market buy whose price moved above its cap', async () => {
    await setPrice('INIT', '50');
    const orderId = randomUUID();
    await place({ orderId, assetId: 'INIT', priceCap: '40' });
    await expect.poll(() => eventsOf(orderId)).toEqual(['evt.market.OrderPlaced', 'evt.market.OrderFailed']);
  });

  it('fills a limit order only when the price crosses its limit', async () => {
    await setPrice('HOOL', '100');
    const orderId = randomUUID();
    await place({ orderId, assetId: 'HOOL', type: 'limit', limitPrice: '90', quantity: '3' });
    await expect.poll(() => eventsOf(orderId)).toEqual(['evt.market.OrderPlaced']);
    expect(
      (await injectAs('customer', market.app, { method: 'GET', url: `/market-orders/${orderId}` })).json()
        .status,
    ).toBe('open');
    await setPrice('HOOL', '89.5');
    await expect
      .poll(() => eventsOf(orderId))
      .toEqual(['evt.market.OrderPlaced', 'evt.market.TradeExecuted']);
  });

  it('expires a limit order that does not fill in time', async () => {
    await setPrice('SOYL', '20');
    const orderId = randomUUID();
    await place({ orderId, assetId: 'SOYL', type: 'limit', side: 'sell', limitPrice: '30', quantity: '1' });
    await expect.poll(() => eventsOf(orderId)).toEqual(['evt.market.OrderPlaced']);
    await market.db.query(
      `UPDATE market_orders SET expires_at = now() - interval '1 second' WHERE order_id = $1`,
      [orderId],
    );
    await expect.poll(() => eventsOf(orderId)).toEqual(['evt.market.OrderPlaced', 'evt.market.OrderExpired']);
  });

  it('rejects orders at the injected failure rate', async () => {
    market.faults.failureRate = 1;
    const orderId = randomUUID();
    await place({ orderId });
    await expect.poll(() => eventsOf(orderId)).toEqual(['evt.market.OrderFailed']);
    market.faults.failureRate = 0;
  });

  it('does not send an order cancelled before it reached the exchange', async () => {
    // The gateway holds the order until the test makes it due, so the cancel behind it comes in
    // first however slow the machine (a 300 ms hold could pass before the cancel was read).
    market.faults.extraLatencyMs = 600_000;
    const orderId = randomUUID();
    try {
      await place({ orderId });
      await bus.publish(createMessage('cmd.market.CancelOrder', { orderId }, { source: 'test' }));
      await expect.poll(() => eventsOf(orderId)).toEqual(['evt.market.OrderCanceled']);
    } finally {
      market.faults.extraLatencyMs = 0;
    }
    // Now due, and an order placed after it is sent: the sender has passed it over.
    await market.db.query(
      `UPDATE market_orders SET send_at = now() - interval '1 second' WHERE order_id = $1`,
      [orderId],
    );
    const later = randomUUID();
    await place({ orderId: later });
    await expect.poll(() => eventsOf(later)).toContain('evt.market.OrderPlaced');
    expect(eventsOf(orderId)).toEqual(['evt.market.OrderCanceled']);
  });
});
