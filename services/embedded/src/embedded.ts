import { dirname, join } from 'node:path';
import { InProcessBackbone } from '@simplebank/events';
import {
  SharedPglite,
  createLogger,
  embeddedServiceKeys,
  minorUnitsFromEnv,
  serviceDataDir,
  trustFromKeys,
  type Logger,
  type ServiceKeys,
} from '@simplebank/service-kit';
import { startAccountsService, type RunningAccountsService } from '@simplebank/service-accounts';
import { startMarketService, type Faults, type RunningMarketService } from '@simplebank/service-market';
import { startOrdersService, type RunningOrdersService } from '@simplebank/service-orders';
import { startStrategiesService, type RunningStrategiesService } from '@simplebank/service-strategies';
import { OutageDrills, startDrillServer } from './outage-drill.ts';
import type { ServiceName } from './service-names.ts';

export type { ServiceName };

export interface EmbeddedServicesOptions {
  /**
   * Folder of the services' data: one PGlite in `<dataDir>/pglite` with a schema per service, and
   * the service keys. Default `<SIMPLEBANK_DATA_DIR or var>/services`. `memory://` keeps everything
   * in memory (tests).
   */
  dataDir?: string;
  /** Delay of the orders read model (ORDERS_READ_MODEL_LAG_MS); default 1000. */
  readModelLagMs?: number;
  /**
   * Smallest order value and smallest investment, in minor units. Default: ORDERS_MIN_ORDER_VALUE and
   * STRATEGIES_MIN_INVESTMENT from the environment (so `npm start` and the BFF honour them), else
   * the services' 50.00.
   */
  minOrderValueMinor?: number;
  minInvestmentMinor?: number;
  /** Ports per service; 0 (default) picks free ones. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Seed alice, bob and two published strategies; default true. */
  seed?: boolean;
  market?: { tickMs?: number; seed?: number; faults?: Partial<Faults> };
  /** Delay before a deposit completes; default 1500 ms. */
  depositDelayMs?: number;
  /**
   * Parent logger: each service logs through `logger.child({ service: name })`, so pass one without
   * a `service` binding of its own. Without it, each service gets its own pino logger at `logLevel`.
   */
  logger?: Logger;
  logLevel?: string;
  /**
   * The service token keys (docs/SECURITY.md). Default: generated on first start into
   * `<dataDir>/keys` (in memory with `memory://`).
   */
  keys?: ServiceKeys;
  /**
   * Port of the outage drills' control server (SIMPLEBANK_DRILL_PORT; loopback only). Unset, no
   * control server runs; the drills stay reachable in process through `drills`.
   */
  drillPort?: number;
}

export interface EmbeddedServices {
  urls: Record<ServiceName, string>;
  /** The in-process event backbone the services share (the BFF subscribes to OrderViewUpdated here). */
  bus: InProcessBackbone;
  /** The keys in use: the BFF signs its calls to these services with `keys.bff.privateKey`. */
  keys: ServiceKeys;
  /** Outage drills: take one service's listener down for a while (src/outage-drill.ts). */
  drills: OutageDrills;
  /**
   * The one PGlite the four services share, a schema each; the BFF in the same process keeps its
   * own schema in it too (bff/src/main.ts). Closed by `stop()`.
   */
  pglite: SharedPglite;
  services: {
    orders: RunningOrdersService;
    accounts: RunningAccountsService;
    market: RunningMarketService;
    strategies: RunningStrategiesService;
  };
  /** Stops all four (HTTP first, then consumers and workers, then storage) and the bus. */
  stop(): Promise<void>;
}

/** Starts the four backend services in this process on one in-process event bus. */
export async function startEmbeddedServices(
  options: EmbeddedServicesOptions = {},
): Promise<EmbeddedServices> {
  const base = options.dataDir;
  // One PGlite for the four services, each in its own schema (a PGlite costs ~280 MiB whatever
  // its size): `<dataDir>/pglite`.
  const shared = await SharedPglite.open(
    base === 'memory://' ? 'memory://' : join(base ?? dirname(serviceDataDir('orders')), 'pglite'),
  );
  const databaseOf = (name: ServiceName) => ({ shared, schema: name });
  const loggerFor = (name: ServiceName) =>
    options.logger?.child({ service: name }) ?? createLogger(name, options.logLevel);
  const bus = new InProcessBackbone();
  const seed = options.seed ?? true;
  const host = options.host ?? '127.0.0.1';
  const keys =
    options.keys ??
    (await embeddedServiceKeys(
      base === 'memory://' ? null : join(base ?? dirname(serviceDataDir('orders')), 'keys'),
    ));
  // Stopped in reverse: the services first, the database they share last.
  const started: { stop(): Promise<void> }[] = [{ stop: () => shared.close() }];
  const minOrderValueMinor =
    options.minOrderValueMinor ??
    minorUnitsFromEnv('ORDERS_MIN_ORDER_VALUE', process.env.ORDERS_MIN_ORDER_VALUE);
  const minInvestmentMinor =
    options.minInvestmentMinor ??
    minorUnitsFromEnv('STRATEGIES_MIN_INVESTMENT', process.env.STRATEGIES_MIN_INVESTMENT);
  try {
    const accounts = await startAccountsService({
      bus,
      database: databaseOf('accounts'),
      seed,
      port: options.ports?.accounts ?? 0,
      host,
      logger: loggerFor('accounts'),
      trust: trustFromKeys('accounts', keys),
      ...(options.depositDelayMs !== undefined ? { depositDelayMs: options.depositDelayMs } : {}),
    });
    started.push(accounts);
    const orders = await startOrdersService({
      bus,
      database: databaseOf('orders'),
      readModelLagMs: options.readModelLagMs ?? 1000,
      ...(minOrderValueMinor !== undefined ? { minOrderValueMinor } : {}),
      port: options.ports?.orders ?? 0,
      host,
      logger: loggerFor('orders'),
      trust: trustFromKeys('orders', keys),
    });
    started.push(orders);
    const strategies = await startStrategiesService({
      bus,
      database: databaseOf('strategies'),
      ordersUrl: orders.url,
      ordersTokenKey: keys.strategies.privateKey,
      rules: { minimumOrderValueMinor: minOrderValueMinor, minimumInvestmentMinor: minInvestmentMinor },
      seed,
      port: options.ports?.strategies ?? 0,
      host,
      logger: loggerFor('strategies'),
      trust: trustFromKeys('strategies', keys),
    });
    started.push(strategies);
    // The market starts last: its first price tick then reaches every consumer.
    const market = await startMarketService({
      bus,
      database: databaseOf('market'),
      port: options.ports?.market ?? 0,
      host,
      logger: loggerFor('market'),
      trust: trustFromKeys('market', keys),
      ...(options.market?.tickMs !== undefined ? { tickMs: options.market.tickMs } : {}),
      ...(options.market?.seed !== undefined ? { seed: options.market.seed } : {}),
      ...(options.market?.faults ? { faults: options.market.faults } : {}),
    });
    started.push(market);
    const drills = new OutageDrills({
      orders: orders.app.server,
      accounts: accounts.app.server,
      market: market.app.server,
      strategies: strategies.app.server,
    });
    if (options.drillPort !== undefined) {
      const control = await startDrillServer(drills, options.drillPort);
      started.push({ stop: () => control.close() });
    }
    return {
      urls: { orders: orders.url, accounts: accounts.url, market: market.url, strategies: strategies.url },
      bus,
      keys,
      drills,
      pglite: shared,
      services: { orders, accounts, market, strategies },
      async stop() {
        for (const service of started.reverse()) await service.stop();
        await bus.close();
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    await bus.close();
    throw error;
  }
}
