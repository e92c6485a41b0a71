import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBackbone, type AnyEnvelope } from '@simplebank/events';
import { createLogger, injectAs, testServiceKeys, testTrust, type TestCaller } from '@simplebank/service-kit';
import { startAccountsService, type RunningAccountsService } from '@simplebank/service-accounts';
import { startMarketService, type RunningMarketService } from '@simplebank/service-market';
import { startOrdersService, type RunningOrdersService } from '@simplebank/service-orders';
import { startStrategiesService, type RunningStrategiesService } from './service.ts';

const logger = createLogger('strategies-test', 'silent');
let bus: InProcessBackbone;
let accounts: RunningAccountsService;
let market: RunningMarketService;
let orders: RunningOrdersService;
let strategies: RunningStrategiesService;
const seen: AnyEnvelope[] = [];

beforeAll(async () => {
  bus = new InProcessBackbone({ redeliveryDelayMs: 10 });
  await bus.subscribe({
    consumer: 'probe',
    subjects: ['evt.strategies.>'],
    handler: async (m) => void seen.push(m),
  });
  accounts = await startAccountsService({
    bus,
    database: { dataDir: 'memory://' },
    seed: true,
    depositDelayMs: 50,
    logger,
    trust: await testTrust('accounts'),
  });
  orders = await startOrdersService({
    bus,
    database: { dataDir: 'memory://' },
    logger,
    trust: await testTrust('orders'),
  });
  strategies = await startStrategiesService({
    bus,
    database: { dataDir: 'memory://' },
    ordersUrl: orders.url,
    ordersTokenKey: (await testServiceKeys()).strategies.privateKey,
    seed: true,
    logger,
    trust: await testTrust('strategies'),
  });
  market = await startMarketService({
    bus,
    database: { dataDir: 'memory://' },
    tickMs: 0,
    logger,
    trust: await testTrust('market'),
    timing: { sendLatencyMs: 5, fillLatencyMs: 5, limitOrderTtlMs: 60_000 },
  });
  while (orders.prices.size === 0) await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  await strategies.stop();
  await market.stop();
  await orders.stop();
  await accounts.stop();
  await bus.close();
});

const api = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
  caller: TestCaller = 'customer',
) => injectAs(caller, strategies.app, { method, url, ...(payload ? { payload } : {}), headers });
const draft = {
  name: 'Tech Tilt',
  description: 'shares',
  riskLevel: 'high',
  timeHorizon: '10 years',
  allocations: [
    { assetId: 'ACME', percentage: 60 },
    { assetId: 'GLBX', percentage: 40 },
  ],
};
const investment = async (id: string) => (await api('GET', `/investments/${id}`)).json();

describe('strategies: lifecycle', () => {
  it('lists the seeded published strategies', async () => {
    const items = (await api('GET', '/strategies?status=published')).json().items;
    expect(items.map((s: { id: string }) => s.id)).toEqual(['s-balanced-growth', 's-steady-income']);
    expect(items[0]).toMatchObject({ createdByUserId: 'u-admin', status: 'published', investedMinor: 0 });
  });

  it('creates, edits, publishes and retires a strategy, announcing each change (admins only)', async () => {
    expect((await api('POST', '/strategies', draft)).statusCode).toBe(403);
    const created = await api('POST', '/strategies', draft, {}, 'admin');
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', createdByUserId: 'u-admin' });
    const edited = await api('PUT', `/strategies/${id}`, { ...draft, name: 'Tech Tilt 2' }, {}, 'admin');
    expect(edited.json()).toMatchObject({ name: 'Tech Tilt 2', version: 2 });
    expect((await api('POST', `/strategies/${id}/publish`, undefined, {}, 'admin')).json().status).toBe(
      'published',
    );
    const late = await api('PUT', `/strategies/${id}`, draft, {}, 'admin');
    expect(late.statusCode).toBe(422);
    expect(late.json().error).toBe('STRATEGY_NOT_DRAFT');
    expect((await api('POST', `/strategies/${id}/retire`, undefined, {}, 'admin')).json().status).toBe(
      'retired',
    );
    await expect
      .poll(() =>
        seen.filter((m) => (m.data as { strategy?: { id: string } }).strategy?.id === id).map((m) => m.type),
      )
      .toEqual([
        'evt.strategies.StrategyCreated',
        'evt.strategies.StrategyUpdated',
        'evt.strategies.StrategyPublished',
        'evt.strategies.StrategyRetired',
      ]);
  });

  it('refuses invalid strategies with 422 and the rule, malformed ones with 400', async () => {
    const bad = await api(
      'POST',
      '/strategies',
      {
        ...draft,
        allocations: [
          { assetId: 'ACME', percentage: 60 },
          { assetId: 'GLBX', percentage: 30 },
        ],
      },
      {},
      'admin',
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'PERCENTAGES_NOT_100', sum: '90' });
    const malformed = await api(
      'POST',
      '/strategies',
      { name: 'x', allocations: [{ assetId: 'ACME' }] },
      {},
      'admin',
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details[0].field).toBe('allocations.0.percentage');
    expect((await api('GET', '/strategies/nope')).statusCode).toBe(404);
  });
});

describe('strategies: read your writes', () => {
  it('reads a strategy published a moment ago as published, and an investment at once', async () => {
    for (let n = 0; n < 10; n++) {
      const id = (await api('POST', '/strategies', { ...draft, name: `Read ${n}` }, {}, 'admin')).json().id;
      const published = await api('POST', `/strategies/${id}/publish`, undefined, {}, 'admin');
      const read = await api('GET', `/strategies/${id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ status: 'published', version: published.json().version });
      expect(
        (await api('GET', '/strategies?status=published')).json().items.map((s: { id: string }) => s.id),
      ).toContain(id);
      const invested = await api(
        'POST',
        `/strategies/${id}/investments`,
        { accountId: 'a-alice-2', amountMinor: 20_000 },
        { 'idempotency-key': randomUUID() },
      );
      expect(invested.statusCode, invested.body).toBe(202);
      const got = await api('GET', `/investments/${invested.json().id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json().version).toBeGreaterThanOrEqual(invested.json().version);
    }
  });
});

describe('strategies: minimum investment', () => {
  const invest = (strategyId: string, amountMinor: number) =>
    api(
      'POST',
      `/strategies/${strategyId}/investments`,
      { accountId: 'a-bob-1', amountMinor },
      { 'idempotency-key': randomUUID() },
    );

  it('says the rules', async () => {
    expect((await api('GET', '/investment-rules')).json()).toEqual({
      minimumInvestmentMinor: 5000,
      minimumOrderValueMinor: 5000,
    });
  });

  it('refuses 0.50 with the minimum investment as the reason, naming the field', async () => {
    const res = await invest('s-steady-income', 50);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'INVESTMENT_BELOW_MINIMUM',
      details: [{ field: 'amountMinor', reason: expect.stringContaining('minimum investment is 50.00') }],
    });
  });

  it('refuses an amount whose split would make an order under the minimum order value, and says what is needed', async () => {
    // Balanced growth: 40/30/15/15. 300.00 gives ACME and EUR orders of 45.00 each.
    const res = await invest('s-balanced-growth', 30_000);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'INVESTMENT_BELOW_MINIMUM',
      minimumInvestmentMinor: 33_331,
      details: [
        {
          field: 'amountMinor',
          reason: expect.stringMatching(
            /order for (ACME|EUR) would be 45\.00, below the minimum order value of 50\.00; this strategy needs at least 333\.31/,
          ),
        },
      ],
    });
    // 333.31 splits into 133.32, 99.99, 50.00 and 50.00 (the split hands the cents left over to the largest remainders).
    expect((await invest('s-balanced-growth', 33_330)).statusCode).toBe(422);
    const enough = await invest('s-balanced-growth', 33_331);
    expect(enough.statusCode, enough.body).toBe(202);
    expect(
      Math.min(...enough.json().orders.map((o: { amountMinor: number }) => o.amountMinor)),
    ).toBeGreaterThanOrEqual(5000);
  });
});

describe('strategies: investing', () => {
  it('pays first, then places one order per allocation, and completes when they complete', async () => {
    const res = await api(
      'POST',
      '/strategies/s-steady-income/investments',
      { accountId: 'a-alice-1', amountMinor: 100_001 },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode).toBe(202);
    const created = res.json();
    expect(created.status).toBe('pending');
    // 40/30/30 of 1,000.01 = 400.004 / 300.003 / 300.003: the left-over cent goes to the largest remainder.
    expect(
      created.orders.map((o: { assetId: string; amountMinor: number }) => [o.assetId, o.amountMinor]),
    ).toEqual([
      ['DIVI', 40_001],
      ['CORP5', 30_000],
      ['UST2', 30_000],
    ]);
    await expect
      .poll(async () => (await investment(created.id)).status, { timeout: 20_000 })
      .toBe('completed');
    const done = await investment(created.id);
    expect(
      done.orders.every((o: { status: string; orderId: string }) => o.status === 'completed' && o.orderId),
    ).toBe(true);
    const placed = (
      await injectAs('customer', orders.app, { method: 'GET', url: `/orders/${done.orders[0].orderId}` })
    ).json().order;
    expect(placed).toMatchObject({
      source: { kind: 'strategy', investmentId: created.id },
      amountMinor: 40_001,
      side: 'buy',
      requestedBy: 'u-alice',
    });
    expect((await api('GET', '/strategies/s-steady-income')).json()).toMatchObject({
      investedMinor: 100_001,
      investmentCount: 1,
    });
    const types = () =>
      seen
        .filter((m) => (m.data as { investment?: { id: string } }).investment?.id === created.id)
        .map((m) => m.type);
    await expect.poll(() => types().at(-1)).toBe('evt.strategies.InvestmentCompleted');
    expect(types()[0]).toBe('evt.strategies.InvestmentRequested');
    expect(types().filter((t) => t === 'evt.strategies.InvestmentCompleted')).toHaveLength(1);
  });

  it('is idempotent per key, refuses a draft or retired strategy, and fails when the payment fails', async () => {
    const key = randomUUID();
    const first = await api(
      'POST',
      '/strategies/s-balanced-growth/investments',
      { accountId: 'a-bob-1', amountMinor: 999_999_999, funding: 'cash' },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(202);
    const again = await api(
      'POST',
      '/strategies/s-balanced-growth/investments',
      { accountId: 'a-bob-1', amountMinor: 999_999_999, funding: 'cash' },
      { 'idempotency-key': key },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(
      (
        await api(
          'POST',
          '/strategies/s-balanced-growth/investments',
          { accountId: 'a-bob-1', amountMinor: 5 },
          { 'idempotency-key': key },
        )
      ).statusCode,
    ).toBe(409);
    await expect.poll(async () => (await investment(first.json().id)).status).toBe('failed');
    expect((await investment(first.json().id)).failureReason).toBe('PAYMENT_FAILED_INSUFFICIENT_CASH');
    const d = (await api('POST', '/strategies', draft, {}, 'admin')).json();
    const refused = await api(
      'POST',
      `/strategies/${d.id}/investments`,
      { accountId: 'a-bob-1', amountMinor: 1000 },
      { 'idempotency-key': randomUUID() },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toBe('STRATEGY_NOT_PUBLISHED');
    const tiny = await api(
      'POST',
      '/strategies/s-balanced-growth/investments',
      { accountId: 'a-bob-1', amountMinor: 2 },
      { 'idempotency-key': randomUUID() },
    );
    expect(tiny.statusCode).toBe(422);
    expect(tiny.json().error).toBe('INVESTMENT_BELOW_MINIMUM');
  });

  it('funds by deposit, then invests; a rejected order makes it partially completed', async () => {
    // bob holds no cash beyond his balance; a deposit funds the investment. One asset's order fails at the market.
    const d = (
      await api(
        'POST',
        '/strategies',
        {
          ...draft,
          name: 'Two',
          allocations: [
            { assetId: 'ACME', percentage: 50 },
            { assetId: 'NOPE', percentage: 50 },
          ],
        },
        {},
        'admin',
      )
    ).json();
    await api('POST', `/strategies/${d.id}/publish`, undefined, {}, 'admin');
    const res = await api(
      'POST',
      `/strategies/${d.id}/investments`,
      { accountId: 'a-bob-1', amountMinor: 20_000, funding: 'deposit' },
      { 'idempotency-key': randomUUID() },
    );
    await expect
      .poll(async () => (await investment(res.json().id)).status, { timeout: 20_000 })
      .toBe('partially completed');
    const done = await investment(res.json().id);
    expect(done.orders.map((o: { status: string; reason: string | null }) => [o.status, o.reason])).toEqual([
      ['completed', null],
      ['rejected', 'UNKNOWN_ASSET'],
    ]);
    expect((await api('GET', '/investments?accountIds=a-bob-1')).json().items.length).toBeGreaterThanOrEqual(
      2,
    );
  });
});
