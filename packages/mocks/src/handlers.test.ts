import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlersFor } from './handlers/index.ts';
import { createMockContext } from './mock-context.ts';
import { subtract } from './decimal.ts';
import { tickPrices, seededRandom } from './simulation/prices.ts';
import type { Investment, Order, Portfolio, PriceTick } from './types-test.ts';

const published: { topic: string; message: unknown }[] = [];
const ctx = createMockContext({
  realtime: { publish: (topic, message) => published.push({ topic, message }) },
});
const server = setupServer(...handlersFor(ctx));
const BASE = 'http://localhost';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  ctx.reset();
  ctx.readModelLagMs = 0;
  ctx.sagaStepMs = 0;
  published.length = 0;
  vi.useRealTimers();
});
afterAll(() => server.close());

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function placeOrder(body: object, key = 'ticket-0001') {
  return api<Order>('/api/orders', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Idempotency-Key': key },
  });
}

describe('reads', () => {
  it('lists 20+ assets, one without a price', async () => {
    const { status, body } = await api<{ items: { symbol: string; price: string | null }[] }>('/api/assets');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(20);
    expect(body.items.filter((asset) => asset.price === null)).toHaveLength(1);
  });

  it("values alice's holdings exactly and hides values when prices are unavailable", async () => {
    const { body } = await api<Portfolio>('/api/portfolio');
    expect(body.accounts.map((a) => a.name)).toEqual(['Everyday investing', 'Retirement']);
    const fund = body.holdings.find((h) => h.assetId === 'ast-sbwe');
    expect(fund).toMatchObject({ quantity: '120.5', price: '24.6810', value: '2974.06' });
    expect(body.valuation.available).toBe(true);
    // profit and loss: value − cost basis, exact; both signs
    expect(fund).toMatchObject({ costBasis: '2650.00', unrealizedPnl: '324.06' });
    expect(body.holdings.find((h) => h.assetId === 'ast-nrth')).toMatchObject({
      value: '2526.00',
      costBasis: '2780.00',
      unrealizedPnl: '-254.00',
    });
    expect(body.valuation.totalCostBasis).toBe('16240.00');
    expect(body.valuation.totalUnrealizedPnl).toBe(
      subtract(body.valuation.totalValue ?? '0', body.valuation.totalCostBasis),
    );

    ctx.db.state.pricesAvailable = false;
    const down = await api<Portfolio>('/api/portfolio');
    expect(down.body.valuation).toMatchObject({ available: false, totalValue: null });
    expect(down.body.holdings.every((h) => h.price === null && h.value === null)).toBe(true);
    expect(down.body.holdings.every((h) => h.unrealizedPnl === null && h.costBasis !== null)).toBe(true);
    expect(down.body.valuation).toMatchObject({ totalCostBasis: '16240.00', totalUnrealizedPnl: null });
  });

  it('shows a customer only their own orders, newest first, paged', async () => {
    const { body } = await api<{ items: Order[]; total: number }>('/api/orders?size=5');
    expect(body.items).toHaveLength(5);
    expect(body.total).toBe(12);
    expect(body.items.every((order) => order.accountId.startsWith('acc-alice'))).toBe(true);
    const dates = body.items.map((order) => order.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('keeps drafts from customers and gates admin routes', async () => {
    const customer = await api<{ items: { status: string; totalInvested?: string }[] }>('/api/strategies');
    expect(customer.body.items.map((s) => s.status)).toEqual(['published', 'published']);
    expect(customer.body.items[0]).not.toHaveProperty('totalInvested');
    expect((await api('/api/admin/fragments')).status).toBe(403);

    ctx.setUser('admin');
    const admin = await api<{ items: unknown[] }>('/api/strategies');
    expect(admin.body.items).toHaveLength(4);
    expect((await api('/api/admin/fragments')).status).toBe(200);

    ctx.setUser(null);
    expect((await api('/api/portfolio')).status).toBe(401);
  });
});

describe('placing an order', () => {
  it('runs the saga to completed, settles, and replays the same key', async () => {
    const created = await placeOrder({
      accountId: 'acc-alice-1',
      assetId: 'ast-abc',
      side: 'buy',
      type: 'market',
      quantity: '2',
    });
    expect(created.status).toBe(201);
    const final = ctx.db.state.orders.find((o) => o.id === created.body.id);
    expect(final?.steps.map((s) => s.status)).toEqual(['pending', 'reserved', 'placed', 'completed']);
    expect(
      ctx.db.state.holdings.find((h) => h.accountId === 'acc-alice-1' && h.assetId === 'ast-abc')?.quantity,
    ).toBe('27');
    // the buy adds its cost without the fee: 4250.00 + 2 × 187.42
    expect(
      ctx.db.state.holdings.find((h) => h.accountId === 'acc-alice-1' && h.assetId === 'ast-abc')?.costBasis,
    ).toBe('4624.84');
    // 12480.35 - (2 × 187.42 + 1.00 fee: 0.1% of 374.84 is under the 1.00 minimum)
    expect(ctx.db.state.accounts.find((a) => a.id === 'acc-alice-1')?.cash.available).toBe('12104.51');

    const replay = await placeOrder({
      accountId: 'acc-alice-1',
      assetId: 'ast-abc',
      side: 'buy',
      type: 'market',
      quantity: '2',
    });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(created.body.id);
  });

  it('removes cost basis in proportion to the quantity sold (average cost)', async () => {
    const abc = () =>
      ctx.db.state.holdings.find((h) => h.accountId === 'acc-alice-1' && h.assetId === 'ast-abc');
    const created = await placeOrder({
      accountId: 'acc-alice-1',
      assetId: 'ast-abc',
      side: 'sell',
      type: 'market',
      quantity: '5',
    });
    expect(created.status).toBe(201);
    expect(ctx.db.state.orders.find((o) => o.id === created.body.id)?.status).toBe('completed');
    // 4250.00 × 5 / 25, whatever the sale price
    expect(abc()).toMatchObject({ quantity: '20', costBasis: '3400.00' });
  });

  it('reaches the read model and the push only after the lag, versions increasing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    ctx.readModelLagMs = 1000;
    ctx.sagaStepMs = 500;
    const created = await placeOrder(
      // 2 × 42.80: above the minimum order value (50.00).
      { accountId: 'acc-alice-1', assetId: 'ast-cnts', side: 'buy', type: 'market', quantity: '2' },
      'ticket-lag-1',
    );
    const inReadModel = () => ctx.db.state.orderViews.some((o) => o.id === created.body.id);
    expect(inReadModel()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(inReadModel()).toBe(true);
    await vi.advanceTimersByTimeAsync(3000);
    const pushes = published.filter((p) => p.topic === 'orders').map((p) => p.message as Order);
    expect(pushes.map((o) => [o.status, o.version])).toEqual([
      ['pending', 1],
      ['reserved', 2],
      ['placed', 3],
      ['completed', 4],
    ]);
  });

  it('rejects a buy the cash cannot cover and a sell beyond the holding', async () => {
    await placeOrder(
      { accountId: 'acc-alice-1', assetId: 'ast-fabr', side: 'buy', type: 'market', quantity: '1000' },
      'ticket-big-1',
    );
    await placeOrder(
      { accountId: 'acc-alice-1', assetId: 'ast-abc', side: 'sell', type: 'market', quantity: '26' },
      'ticket-big-2',
    );
    const [sell, buy] = ctx.db.state.orders;
    expect(buy).toMatchObject({
      status: 'rejected',
      statusReason: expect.stringContaining('Insufficient funds'),
    });
    expect(sell).toMatchObject({ status: 'rejected', statusReason: 'Not enough to sell: 25 available.' });
    expect(ctx.db.state.accounts[0]?.cash).toEqual({ available: '12480.35', reserved: '624.00' });
  });

  it('validates the body and the key', async () => {
    const noKey = await api('/api/orders', { method: 'POST', body: JSON.stringify({}) });
    expect(noKey.status).toBe(400);
    const bad = await placeOrder({
      accountId: 'acc-alice-1',
      assetId: 'ast-abc',
      side: 'buy',
      type: 'limit',
      quantity: '0',
    });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as unknown as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
    ).toEqual(['body.quantity', 'body.limitPrice']);
    const foreign = await placeOrder(
      { accountId: 'acc-bob-1', assetId: 'ast-abc', side: 'buy', type: 'market', quantity: '1' },
      'ticket-bob-1',
    );
    expect(foreign.status).toBe(404);
  });

  it('cancels a placed limit order once, releasing its cash, and refuses a completed one', async () => {
    const cancel = await api<Order>('/api/orders/ord-1011/cancel', { method: 'POST' });
    expect(cancel.status).toBe(202);
    expect(ctx.db.state.orders.find((o) => o.id === 'ord-1011')?.status).toBe('cancelled');
    expect(ctx.db.state.accounts[0]?.cash).toEqual({ available: '13104.35', reserved: '0.00' });
    const again = await api<Order>('/api/orders/ord-1011/cancel', { method: 'POST' });
    expect(again.status).toBe(202);
    expect(ctx.db.state.accounts[0]?.cash.available).toBe('13104.35');
    expect((await api('/api/orders/ord-1009/cancel', { method: 'POST' })).status).toBe(422);
  });
});

describe('investing in a strategy', () => {
  it('splits 1,000 into a 60/40 strategy as two orders of 600 and 400 that complete', async () => {
    ctx.setUser('admin');
    const created = await api<{ id: string; version: number }>('/api/strategies', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Sixty forty',
        description: '',
        riskLevel: 'medium',
        timeHorizon: 'long',
        allocations: [
          { assetId: 'ast-sbwe', percentage: '60' },
          { assetId: 'ast-sbgb', percentage: '40' },
        ],
      }),
    });
    await api(`/api/strategies/${created.body.id}/publish`, { method: 'POST' });
    ctx.setUser('alice');
    const body = JSON.stringify({ accountId: 'acc-alice-2', amount: '1000' });
    const headers = { 'Idempotency-Key': 'invest-key-1' };
    const invested = await api<Investment>(`/api/strategies/${created.body.id}/investments`, {
      method: 'POST',
      body,
      headers,
    });
    expect(invested.status).toBe(201);
    expect(invested.body.status).toBe('completed');
    expect(invested.body.orders.map((o) => [o.amount, o.status])).toEqual([
      ['600.00', 'completed'],
      ['400.00', 'completed'],
    ]);
    const sbwe = ctx.db.state.holdings.find((h) => h.accountId === 'acc-alice-2' && h.assetId === 'ast-sbwe');
    expect(sbwe?.quantity).toBe('24.31019813'); // 600 / 24.6810, to 8 digits
    const replay = await api<Investment>(`/api/strategies/${created.body.id}/investments`, {
      method: 'POST',
      body,
      headers,
    });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(invested.body.id);
    expect(published.filter((p) => p.topic === 'investments').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses more than the available cash and unpublished strategies', async () => {
    const tooMuch = await api('/api/strategies/str-balanced/investments', {
      method: 'POST',
      body: JSON.stringify({ accountId: 'acc-alice-2', amount: '3150.01' }),
      headers: { 'Idempotency-Key': 'invest-key-2' },
    });
    expect(tooMuch.status).toBe(422);
    const draft = await api('/api/strategies/str-tech/investments', {
      method: 'POST',
      body: JSON.stringify({ accountId: 'acc-alice-2', amount: '10' }),
      headers: { 'Idempotency-Key': 'invest-key-3' },
    });
    expect(draft.status).toBe(404);
  });
});

describe('strategies and the registry', () => {
  it('edits a draft only with the current version', async () => {
    ctx.setUser('admin');
    const input = {
      name: 'Tech Leaders',
      description: 'x',
      riskLevel: 'high',
      timeHorizon: 'long',
      allocations: [{ assetId: 'ast-abc', percentage: '100' }],
    };
    const stale = await api('/api/strategies/str-tech', {
      method: 'PUT',
      body: JSON.stringify({ ...input, expectedVersion: 1 }),
    });
    expect(stale.status).toBe(409);
    const saved = await api<{ version: number; allocations: unknown[] }>('/api/strategies/str-tech', {
      method: 'PUT',
      body: JSON.stringify({ ...input, expectedVersion: 4 }),
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 5,
      allocations: [{ assetId: 'ast-abc', percentage: '100' }],
    });
  });

  it('searches admin customers by name or id and filters admin orders by date', async () => {
    ctx.setUser('admin');
    type Page<T> = { items: T[]; total: number };
    const all = await api<Page<{ customer: { id: string } }>>('/api/admin/customers');
    expect(all.body.total).toBeGreaterThan(1);
    const bob = await api<Page<{ customer: { id: string; displayName: string } }>>(
      '/api/admin/customers?search=OKAF',
    );
    expect(bob.body.items.map((c) => c.customer.displayName)).toEqual(['Bob Okafor']);
    const byId = await api<Page<{ customer: { id: string } }>>(
      `/api/admin/customers?search=${bob.body.items[0]!.customer.id.toUpperCase()}`,
    );
    expect(byId.body.items.map((c) => c.customer.id)).toEqual([bob.body.items[0]!.customer.id]);
    expect((await api<Page<unknown>>('/api/admin/customers?search=nobody')).body.total).toBe(0);

    const orders = await api<Page<Order>>('/api/admin/orders?size=100');
    const times = orders.body.items.map((o) => Date.parse(o.createdAt)).sort((a, b) => a - b);
    const pivot = times[Math.floor(times.length / 2)]!;
    const iso = encodeURIComponent(new Date(pivot).toISOString());
    const since = await api<Page<Order>>(`/api/admin/orders?size=100&from=${iso}`);
    const before = await api<Page<Order>>(`/api/admin/orders?size=100&to=${iso}`);
    expect(since.body.items.every((o) => Date.parse(o.createdAt) >= pivot)).toBe(true);
    expect(before.body.items.every((o) => Date.parse(o.createdAt) < pivot)).toBe(true);
    expect(since.body.total).toBe(times.filter((t) => t >= pivot).length);
    expect(since.body.total + before.body.total).toBe(orders.body.total);
    const bad = await api<{ error: { fields: { field: string }[] } }>('/api/admin/orders?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'query.from' })]);
  });

  it('changes roles but never lets an admin drop their own admin role', async () => {
    ctx.setUser('admin');
    const own = await api('/api/admin/users/u-admin/roles', {
      method: 'PUT',
      body: JSON.stringify({ roles: ['customer'] }),
    });
    expect(own.status).toBe(422);
    const bob = await api<{ roles: string[] }>('/api/admin/users/u-bob/roles', {
      method: 'PUT',
      body: JSON.stringify({ roles: ['customer', 'admin'] }),
    });
    expect(bob.body.roles).toEqual(['customer', 'admin']);
  });

  it('refuses allocations that break the rules, with a message per field', async () => {
    ctx.setUser('admin');
    const { status, body } = await api<{ error: { fields: { field: string; reason: string }[] } }>(
      '/api/strategies',
      {
        method: 'POST',
        body: JSON.stringify({
          name: 'Bad',
          description: '',
          riskLevel: 'low',
          timeHorizon: 'short',
          allocations: [
            { assetId: 'ast-abc', percentage: '60' },
            { assetId: 'ast-abc', percentage: '39' },
          ],
        }),
      },
    );
    expect(status).toBe(422);
    expect(body.error.fields).toEqual([
      { field: 'body.allocations.1.assetId', reason: 'Each asset can appear only once.' },
      { field: 'body.allocations', reason: 'The percentages add up to 99, not 100.' },
    ]);
  });

  it('rolls a fragment back under the revision guard and pushes the change', async () => {
    ctx.setUser('admin');
    const stale = await api('/api/admin/fragments/orders/rollback', {
      method: 'POST',
      body: JSON.stringify({ expectedRevision: 1 }),
    });
    expect(stale.status).toBe(409);
    const done = await api<{ revision: number; fragment: { active: string } }>(
      '/api/admin/fragments/orders/rollback',
      {
        method: 'POST',
        body: JSON.stringify({ expectedRevision: 12 }),
      },
    );
    expect(done.body).toMatchObject({ revision: 13, fragment: { active: '1.2.1-5d0f3e9a10' } });
    expect(published.map((p) => p.topic)).toEqual(['deployments']);
  });
});

describe('price feed', () => {
  it('moves prices a little and pushes ticks with growing versions', () => {
    const versions = new Map<string, number>();
    const random = seededRandom(7);
    const before = new Map(ctx.db.state.assets.map((a) => [a.id, a.price]));
    const ticks: PriceTick[] = [
      ...tickPrices(ctx, random, 5, 40, versions),
      ...tickPrices(ctx, random, 5, 40, versions),
    ];
    expect(ticks).toHaveLength(10);
    for (const tick of ticks) {
      const old = Number(before.get(tick.assetId));
      expect(Math.abs(Number(tick.price) - old) / old).toBeLessThan(0.01);
    }
    const last = ticks.at(-1);
    expect(last && last.version).toBe(versions.get(last?.assetId ?? ''));
    expect(published.filter((p) => p.topic === 'prices')).toHaveLength(10);
  });
});
