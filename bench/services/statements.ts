// Issue 16: statements and transactions per order in the embedded shape (`npm start`), counted by
// the services' database layer (packages/service-kit/src/database-usage.ts). Counts do not depend
// on the machine's load, unlike times. The four services run in this process on PGlite in memory;
// N market buys go through the orders service one after the other, each waited for until its
// completed view is announced on the bus. The background work of an idle minute (price ticks, relay and projector sweeps)
// is measured over a window as long and taken off.
//   npx tsx bench/services/statements.ts [orders]
import { randomUUID } from 'node:crypto';
import {
  BFF_ISSUER,
  ServiceTokenSigner,
  createLogger,
  embeddedServiceKeys,
  tallyStatements,
  type DatabaseUsage,
} from '@simplebank/service-kit';
import { startEmbeddedServices, type ServiceName } from '@simplebank/services-embedded';

const orders = Number(process.argv[2] ?? 50);
const keys = await embeddedServiceKeys(null);
tallyStatements(true);
const tokens = await ServiceTokenSigner.fromKey(BFF_ISSUER, keys.bff.privateKey);
const services = await startEmbeddedServices({
  dataDir: 'memory://',
  // As in `npm start` (README, Configuration): the lag decides how many events a projection pass takes.
  readModelLagMs: Number(process.env.ORDERS_READ_MODEL_LAG_MS ?? 1000),
  logger: createLogger('bench', 'warn'),
  keys,
});
const names = Object.keys(services.urls) as ServiceName[];
const usage = () =>
  Object.fromEntries(names.map((name) => [name, services.services[name].db.usage()])) as Record<
    ServiceName,
    DatabaseUsage
  >;
const minusTally = (a: Record<string, number> = {}, b: Record<string, number> = {}) =>
  Object.fromEntries(Object.entries(a).map(([sql, n]) => [sql, n - (b[sql] ?? 0)]));
const minus = (a: Record<ServiceName, DatabaseUsage>, b: Record<ServiceName, DatabaseUsage>) =>
  Object.fromEntries(
    names.map((n) => [
      n,
      {
        statements: a[n].statements - b[n].statements,
        transactions: a[n].transactions - b[n].transactions,
        byStatement: minusTally(a[n].byStatement, b[n].byStatement),
      },
    ]),
  ) as Record<ServiceName, DatabaseUsage>;

/** Resolvers of the orders waiting for their terminal view; the bus says when (no polling reads). */
const waiting = new Map<string, () => void>();
await services.bus.subscribe({
  consumer: 'bench-statements',
  subjects: ['evt.orders.OrderViewUpdated'],
  startAt: 'new',
  handler: async (m) => {
    const view = (m.data as { view: { id: string; status: string } }).view;
    if (['completed', 'rejected', 'failed'].includes(view.status)) waiting.get(view.id)?.();
  },
});

async function placeAndFinish(): Promise<void> {
  const res = await fetch(`${services.urls.orders}/orders`, {
    method: 'POST',
    headers: {
      authorization: await tokens.header({ audience: 'orders', userId: 'u-bench', roles: ['customer'] }),
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      accountId: 'a-alice-1',
      assetId: 'WRLD',
      side: 'buy',
      type: 'market',
      quantity: '1',
    }),
  });
  const { order } = (await res.json()) as { order?: { id: string } };
  if (res.status !== 201 || !order) throw new Error(`order refused: ${res.status}`);
  await new Promise<void>((resolve) => waiting.set(order.id, resolve));
  waiting.delete(order.id);
}

try {
  // Warm up: prices in every cache, first statements of each kind behind us.
  for (let i = 0; i < 3; i++) await placeAndFinish();
  const started = usage();
  const t0 = performance.now();
  for (let i = 0; i < orders; i++) await placeAndFinish();
  const busyMs = performance.now() - t0;
  const withOrders = minus(usage(), started);
  const idleStart = usage();
  await new Promise((resolve) => setTimeout(resolve, busyMs));
  const idle = minus(usage(), idleStart);

  const perOrder = Object.fromEntries(
    names.map((n) => [
      n,
      {
        statements: Number(((withOrders[n].statements - idle[n].statements) / orders).toFixed(1)),
        transactions: Number(((withOrders[n].transactions - idle[n].transactions) / orders).toFixed(1)),
      },
    ]),
  );
  // Where they go: each statement's count per order (idle window taken off), most frequent first.
  const byStatement = Object.fromEntries(
    names.map((n) => [
      n,
      Object.fromEntries(
        Object.entries(minusTally(withOrders[n].byStatement, idle[n].byStatement))
          .map(([sql, count]) => [sql.slice(0, 120), Number((count / orders).toFixed(2))] as const)
          .filter(([, perOrder]) => perOrder >= 0.05)
          .sort((x, y) => y[1] - x[1]),
      ),
    ]),
  );
  const total = (pick: 'statements' | 'transactions') =>
    Number(names.reduce((sum, n) => sum + (perOrder[n] as DatabaseUsage)[pick], 0).toFixed(1));
  console.log(
    JSON.stringify(
      {
        orders,
        windowMs: Math.round(busyMs),
        perOrder,
        statementsPerOrder: total('statements'),
        transactionsPerOrder: total('transactions'),
        byStatement,
      },
      null,
      2,
    ),
  );
} finally {
  await services.stop();
}
