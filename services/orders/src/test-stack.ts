// Test support: accounts, market and orders on one in-process bus, as the embedded mode runs them.
import { InProcessBackbone, type AnyEnvelope } from '@simplebank/events';
import { createLogger, testTrust } from '@simplebank/service-kit';
import { startAccountsService, type RunningAccountsService } from '@simplebank/service-accounts';
import { startMarketService, type RunningMarketService } from '@simplebank/service-market';
import { startOrdersService, type RunningOrdersService } from './service.ts';

export interface Stack {
  bus: InProcessBackbone;
  accounts: RunningAccountsService;
  market: RunningMarketService;
  orders: RunningOrdersService;
  seen: AnyEnvelope[];
  /** Stops orders (as a crash would leave it: whatever it had not finished stays unfinished) and starts it again on the same data. */
  restartOrders(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(
  options: { readModelLagMs?: number; ordersDataDir?: string; limitOrderTtlMs?: number } = {},
): Promise<Stack> {
  const logger = createLogger('test', 'silent');
  const bus = new InProcessBackbone({
    redeliveryDelayMs: 10,
    onError: (e, m, n) => {
      if (process.env.DEBUG_BUS) console.error(m.type, n, e);
    },
  });
  const seen: AnyEnvelope[] = [];
  await bus.subscribe({
    consumer: 'probe',
    subjects: ['evt.>'],
    handler: async (m) => void (m.type !== 'evt.market.PriceTick' && seen.push(m)),
  });
  const accounts = await startAccountsService({
    bus,
    database: { dataDir: 'memory://' },
    seed: true,
    depositDelayMs: 50,
    logger,
    trust: await testTrust('accounts'),
  });
  const ordersOptions = {
    bus,
    database: { dataDir: options.ordersDataDir ?? 'memory://' },
    readModelLagMs: options.readModelLagMs ?? 0,
    logger,
    trust: await testTrust('orders'),
  };
  let orders = await startOrdersService(ordersOptions);
  const market = await startMarketService({
    bus,
    database: { dataDir: 'memory://' },
    tickMs: 0,
    logger,
    trust: await testTrust('market'),
    timing: { sendLatencyMs: 5, fillLatencyMs: 5, limitOrderTtlMs: options.limitOrderTtlMs ?? 60_000 },
  });
  await waitFor(() => orders.prices.size > 0);
  const stack: Stack = {
    bus,
    accounts,
    market,
    get orders() {
      return orders;
    },
    seen,
    async restartOrders(between) {
      await orders.stop();
      await between?.();
      orders = await startOrdersService(ordersOptions);
    },
    async stop() {
      await orders.stop();
      await market.stop();
      await accounts.stop();
      await bus.close();
    },
  } as Stack;
  return stack;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 15_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
