import type { FastifyInstance } from 'fastify';
import type { EventBackbone } from '@simplebank/events';
import {
  OutboxRelay,
  ServiceLifecycle,
  createLogger,
  createServiceApp,
  migrate,
  openDatabase,
  processOnce,
  serviceSpecPath,
  type Database,
  type DatabaseOptions,
  type Logger,
  STRATEGIES_ISSUER,
  ServiceTokenSigner,
  ServiceTokenVerifier,
  type TrustedIssuer,
} from '@simplebank/service-kit';
import { OrderPlacer, applyInvestmentEvent, concernsInvestments } from './investments.ts';
import { strategiesMigrations } from './migrations.ts';
import { DEFAULT_INVESTMENT_RULES, type InvestmentRules } from './rules.ts';
import { strategiesHandlers } from './routes.ts';
import { seedStrategiesData } from './seed.ts';

export interface StrategiesServiceOptions {
  bus: EventBackbone;
  database: DatabaseOptions;
  /** Base URL of the orders service (strategy orders are placed through its API). */
  ordersUrl: string;
  /** Private key (PEM or JWK) of this service's tokens to orders: STRATEGIES_TOKEN_PRIVATE_KEY. */
  ordersTokenKey: string;
  /** Minimum investment and minimum order value (STRATEGIES_MIN_INVESTMENT, ORDERS_MIN_ORDER_VALUE); 50.00 each by default. */
  rules?: { [K in keyof InvestmentRules]?: number | undefined };
  /** Seed the two published strategies (embedded default only). */
  seed?: boolean;
  port?: number;
  host?: string;
  logger?: Logger;
  logLevel?: string;
  /** Whose service tokens this service accepts (`trustFromEnv`, `trustFromKeys`, `testTrust`). */
  trust: TrustedIssuer[];
}

export interface RunningStrategiesService {
  name: 'strategies';
  url: string;
  app: FastifyInstance;
  db: Database;
  stop(): Promise<void>;
}

export const STRATEGIES_CONSUMER = 'strategies-investments';

export async function startStrategiesService(
  options: StrategiesServiceOptions,
): Promise<RunningStrategiesService> {
  const logger = options.logger ?? createLogger('strategies', options.logLevel);
  const db = await openDatabase(options.database);
  await migrate(db, 'strategies', strategiesMigrations);
  if (options.seed) await db.transaction((tx) => seedStrategiesData(tx));

  const life = new ServiceLifecycle('strategies', db, options.bus, logger);
  const relay = new OutboxRelay({ db, bus: options.bus, logger });
  await life.startWorker(relay);
  const ordersTokens = await ServiceTokenSigner.fromKey(STRATEGIES_ISSUER, options.ordersTokenKey);
  const placer = new OrderPlacer(db, options.ordersUrl, ordersTokens, logger, () => relay.nudge());
  await life.startWorker(placer);

  await life.subscribe({
    consumer: STRATEGIES_CONSUMER,
    subjects: ['evt.accounts.PaymentCompleted', 'evt.accounts.PaymentFailed', 'evt.orders.>'],
    concurrency: 4,
    handler: async (message) => {
      if (!concernsInvestments(message)) return;
      await processOnce(db, STRATEGIES_CONSUMER, message, (tx) => applyInvestmentEvent(tx, message));
      relay.nudge();
      // A completed payment lets its orders go out now rather than at the next placing pass.
      if (message.type === 'evt.accounts.PaymentCompleted') void placer.kick();
    },
  });

  const auth = await ServiceTokenVerifier.create('strategies', options.trust);
  const app = createServiceApp({
    auth,
    name: 'strategies',
    specPath: serviceSpecPath('strategies'),
    logger,
    handlers: strategiesHandlers({
      db,
      rules: {
        minimumInvestmentMinor:
          options.rules?.minimumInvestmentMinor ?? DEFAULT_INVESTMENT_RULES.minimumInvestmentMinor,
        minimumOrderValueMinor:
          options.rules?.minimumOrderValueMinor ?? DEFAULT_INVESTMENT_RULES.minimumOrderValueMinor,
      },
      afterCommit: () => relay.nudge(),
      placeOrdersSoon: () => void placer.kick(),
    }),
    readiness: {
      database: async () => (await db.ping(), true),
      backbone: async () => options.bus.isHealthy(),
    },
  });
  const url = await life.listen(app, options.port ?? 0, options.host);
  logger.info({ url }, 'strategies service listening');
  return { name: 'strategies', url, app, db, stop: () => life.stop(app) };
}
