import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A stand-in for the four backend services, speaking their contracts (openapi/services/*.yaml)
 * with fixed data, so composition, ownership and resilience can be tested without the real
 * services. `faults` makes a service fail, hang or fail a number of times; `hits` counts calls.
 */
export interface FakeServices {
  app: FastifyInstance;
  urls: { orders: string; accounts: string; market: string; strategies: string };
  hits: Map<string, number>;
  faults: Map<string, { mode: 'down' | 'hang'; times?: number }>;
  lastHeaders: Map<string, Record<string, unknown>>;
  /** The query string of the last call per `<service> <METHOD> <path>`. */
  lastQuery: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

const now = '2026-11-26T10:00:00.000Z';
const account = (id: string, customerId: string, available: number) => ({
  id,
  customerId,
  name: `${customerId} main`,
  currency: 'EUR',
  cashAvailableMinor: available,
  cashReservedMinor: 0,
  version: 1,
});
const ACCOUNTS = [account('a-alice-1', 'c-alice', 1_000_050), account('a-bob-1', 'c-bob', 500_000)];
const order = (id: string, accountId: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  accountId,
  assetId: 'ABC',
  side: 'buy',
  type: 'market',
  quantity: '2',
  amountMinor: null,
  limitPrice: null,
  currency: 'EUR',
  status,
  statusReason: null,
  cancelRequested: false,
  feeMinor: 150,
  fillPrice: null,
  filledQuantity: null,
  source: { kind: 'customer' },
  idempotencyKey: `key-${id}`,
  requestedBy: 'u-x',
  steps: { createdAt: now, reservedAt: now },
  version: 3,
  createdAt: now,
  updatedAt: now,
  projectedAt: now,
  ...extra,
});
const ORDERS = [
  order('o-alice-1', 'a-alice-1', 'pending'),
  order('o-alice-2', 'a-alice-1', 'completed'),
  order('o-bob-1', 'a-bob-1', 'placed'),
];
const ASSETS = [
  {
    id: 'ABC',
    symbol: 'ABC',
    name: 'ABC Corp',
    type: 'share',
    currency: 'EUR',
    price: '12.34',
    priceTime: now,
    day: { date: now.slice(0, 10), open: '12.00', high: '12.50', low: '11.90' },
  },
  {
    id: 'XYZ',
    symbol: 'XYZ',
    name: 'XYZ Fund',
    type: 'fund',
    currency: 'EUR',
    price: '100.00',
    priceTime: now,
    day: { date: now.slice(0, 10), open: '100.00', high: '100.00', low: '100.00' },
  },
];
const strategy = (id: string, status: string) => ({
  id,
  name: `Strategy ${id}`,
  description: 'Balanced',
  riskLevel: 'medium',
  timeHorizon: 'long',
  allocations: [
    { assetId: 'ABC', percentage: 60 },
    { assetId: 'XYZ', percentage: 40 },
  ],
  status,
  createdByUserId: 'u-admin',
  createdAt: now,
  updatedAt: now,
  version: 2,
  investedMinor: 123_456,
  investmentCount: 3,
});
const STRATEGIES = [strategy('s-pub', 'published'), strategy('s-draft', 'draft')];
const INVESTMENTS = [
  {
    id: 'i-alice-1',
    strategyId: 's-pub',
    accountId: 'a-alice-1',
    amountMinor: 100_000,
    funding: 'cash',
    paymentId: 'p-1',
    status: 'partially completed',
    failureReason: null,
    orders: [
      { assetId: 'ABC', amountMinor: 60_000, orderId: 'o-s-1', status: 'completed' },
      { assetId: 'XYZ', amountMinor: 40_000, orderId: 'o-s-2', status: 'cancelled' },
    ],
    requestedBy: 'u-alice',
    version: 5,
    createdAt: now,
    updatedAt: now,
  },
];

const csv = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : null);

export async function startFakeServices(): Promise<FakeServices> {
  const app = Fastify({ logger: false });
  const hits = new Map<string, number>();
  const faults: FakeServices['faults'] = new Map();
  const lastHeaders = new Map<string, Record<string, unknown>>();
  const lastQuery = new Map<string, Record<string, unknown>>();

  app.addHook('onRequest', async (request, reply) => {
    const [, service] = request.url.split('/');
    const key = `${service} ${request.method} ${request.url.split('?')[0]?.replace(/^\/[^/]+/, '')}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    hits.set(service ?? '', (hits.get(service ?? '') ?? 0) + 1);
    lastHeaders.set(key, { ...request.headers });
    lastQuery.set(key, { ...(request.query as Record<string, unknown>) });
    const fault = faults.get(service ?? '');
    if (!fault) return;
    if (fault.times !== undefined) {
      if (fault.times <= 0) return;
      fault.times--;
    }
    if (fault.mode === 'hang') await new Promise((r) => setTimeout(r, 2000));
    return reply.code(503).send({ error: 'DOWN', message: 'down', requestId: String(request.id) });
  });

  app.get('/accounts/customers', async (req) => {
    const { page = 1, size = 20, search } = req.query as { page?: number; size?: number; search?: string };
    const text = search?.toLowerCase();
    const customers = ['c-alice', 'c-bob']
      .map((id) => ({
        id,
        name: id === 'c-alice' ? 'Alice' : 'Bob',
        accounts: ACCOUNTS.filter((a) => a.customerId === id),
      }))
      .filter((c) => !text || c.id.includes(text) || c.name.toLowerCase().includes(text));
    return {
      items: customers.slice((page - 1) * size, page * size),
      page: Number(page),
      size: Number(size),
      total: customers.length,
    };
  });
  app.get('/accounts/accounts', async (req) => {
    const q = req.query as { ids?: string; customerIds?: string };
    const ids = csv(q.ids);
    const customers = csv(q.customerIds);
    return {
      items: ACCOUNTS.filter(
        (a) => (!ids || ids.includes(a.id)) && (!customers || customers.includes(a.customerId)),
      ),
    };
  });
  app.get('/accounts/fees', async () => ({
    ratePercent: '0.1',
    minimumMinor: 100,
    rounding: 'half up to the minor unit',
    description: 'test schedule',
  }));
  app.get('/accounts/holdings', async (req) => {
    const ids = csv((req.query as { accountIds?: string }).accountIds) ?? [];
    const all = [
      // ABC: bought for 100.05 (gain at 12.34), XYZ: bought for 62.50 (loss at 100.00)
      {
        accountId: 'a-alice-1',
        assetId: 'ABC',
        quantity: '10',
        reservedQuantity: '0',
        costBasisMinor: 10_005,
        averagePrice: '10.005',
      },
      {
        accountId: 'a-alice-1',
        assetId: 'XYZ',
        quantity: '0.5',
        reservedQuantity: '0',
        costBasisMinor: 6_250,
        averagePrice: '125',
      },
      {
        accountId: 'a-bob-1',
        assetId: 'ABC',
        quantity: '1',
        reservedQuantity: '1',
        costBasisMinor: 1_100,
        averagePrice: '11',
      },
    ];
    return { items: all.filter((h) => ids.includes(h.accountId)) };
  });
  app.get('/orders/orders', async (req) => {
    const q = req.query as {
      accountIds?: string;
      status?: string;
      from?: string;
      to?: string;
      page?: string;
      size?: string;
    };
    const ids = csv(q.accountIds);
    const open = ['pending', 'placed'];
    const at = (o: { createdAt: string }) => Date.parse(o.createdAt);
    const items = ORDERS.filter(
      (o) =>
        (!ids || ids.includes(o.accountId)) &&
        (!q.status || o.status === q.status || (q.status === 'open' && open.includes(o.status))) &&
        (!q.from || at(o) >= Date.parse(q.from)) &&
        (!q.to || at(o) < Date.parse(q.to)),
    );
    return { items, page: Number(q.page ?? 1), size: Number(q.size ?? 20), total: items.length };
  });
  app.get('/orders/orders/:id', async (req, reply) => {
    const found = ORDERS.find((o) => o.id === (req.params as { id: string }).id);
    if (!found) return reply.code(404).send({ error: 'NOT_FOUND', message: 'no such order', requestId: 'x' });
    const minVersion = Number((req.query as { minVersion?: string }).minVersion ?? 0);
    return { order: found, minVersionReached: found.version >= minVersion, servedFrom: 'read-model' };
  });
  app.get('/orders/order-rules', async () => ({ minimumOrderValueMinor: 5000 }));
  app.get('/strategies/investment-rules', async () => ({
    minimumInvestmentMinor: 2500,
    minimumOrderValueMinor: 5000,
  }));
  app.get('/orders/read-model/status', async () => ({
    lagMs: 1000,
    eventsBehind: 3,
    secondsBehind: 1.25,
    lastProjectedAt: now,
  }));
  app.get('/orders/orders/:id/timeline', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!ORDERS.some((o) => o.id === id))
      return reply.code(404).send({ error: 'NOT_FOUND', message: 'no such order', requestId: 'x' });
    return {
      orderId: id,
      entries: [
        { seq: 1, step: 'created', detail: {}, at: now },
        { seq: 2, step: 'reserved', detail: { amountMinor: 2618 }, at: now },
      ],
    };
  });
  app.post('/orders/orders', async (req, reply) => {
    const body = req.body as Record<string, string>;
    if (body.assetId === 'NOPE')
      return reply.code(422).send({ error: 'UNKNOWN_ASSET', message: 'Unknown asset NOPE', requestId: 'x' });
    const created = order('o-new', body.accountId as string, 'pending', {
      idempotencyKey: req.headers['idempotency-key'],
      steps: { createdAt: now },
      version: 1,
    });
    return reply.code(201).send({ order: created });
  });
  app.post('/orders/orders/:id/cancel', async (req, reply) => {
    const found = ORDERS.find((o) => o.id === (req.params as { id: string }).id);
    if (found?.status === 'completed')
      return reply.code(422).send({ error: 'ORDER_EXECUTED', message: 'Already executed', requestId: 'x' });
    return reply
      .code(202)
      .send({ order: { ...found, cancelRequested: true, version: 4 }, outcome: 'cancel-requested' });
  });
  app.get('/market/assets', async () => ({ items: ASSETS }));
  app.get('/market/prices', async () => ({
    items: ASSETS.map((a) => ({ assetId: a.id, price: a.price, currency: a.currency, at: now })),
  }));
  app.get('/strategies/strategies', async (req) => {
    const status = (req.query as { status?: string }).status;
    return { items: STRATEGIES.filter((s) => !status || s.status === status) };
  });
  app.get('/strategies/strategies/:id', async (req, reply) => {
    const found = STRATEGIES.find((s) => s.id === (req.params as { id: string }).id);
    return found ?? reply.code(404).send({ error: 'NOT_FOUND', message: 'no such strategy', requestId: 'x' });
  });
  app.post('/strategies/strategies', async (req, reply) =>
    reply.code(201).send({ ...strategy('s-new', 'draft'), ...(req.body as object) }),
  );
  app.post('/strategies/strategies/:id/publish', async (req) => ({
    ...strategy((req.params as { id: string }).id, 'published'),
    version: 3,
  }));
  app.post('/strategies/strategies/:id/investments', async (req, reply) => {
    const body = req.body as { accountId: string; amountMinor: number };
    return reply.code(202).send({
      ...INVESTMENTS[0],
      id: 'i-new',
      accountId: body.accountId,
      amountMinor: body.amountMinor,
      status: 'pending',
      orders: [],
      paymentId: null,
      version: 1,
    });
  });
  app.get('/strategies/investments', async (req) => {
    const ids = csv((req.query as { accountIds?: string }).accountIds) ?? [];
    return { items: INVESTMENTS.filter((i) => ids.includes(i.accountId)) };
  });
  app.get('/strategies/investments/:id', async (req, reply) => {
    const found = INVESTMENTS.find((i) => i.id === (req.params as { id: string }).id);
    return (
      found ?? reply.code(404).send({ error: 'NOT_FOUND', message: 'no such investment', requestId: 'x' })
    );
  });
  for (const s of ['orders', 'accounts', 'market', 'strategies']) {
    app.get(`/${s}/health/ready`, async () => ({ status: 'ok', service: s, checks: {} }));
  }

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    app,
    urls: {
      orders: `${base}/orders/`,
      accounts: `${base}/accounts/`,
      market: `${base}/market/`,
      strategies: `${base}/strategies/`,
    },
    hits,
    faults,
    lastHeaders,
    lastQuery,
    close: () => app.close(),
  };
}
