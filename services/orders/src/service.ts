import type { FastifyInstance } from 'fastify';
import { trace } from '@opentelemetry/api';
import type { EventBackbone } from '@simplebank/events';
import {
  OutboxRelay,
  ServiceLifecycle,
  createLogger,
  createServiceApp,
  migrate,
  openDatabase,
  serviceSpecPath,
  type Database,
  type DatabaseOptions,
  type Logger,
  ServiceTokenVerifier,
  type TrustedIssuer,
} from '@simplebank/service-kit';
import { DEFAULT_MIN_ORDER_VALUE_MINOR } from './commands.ts';
import { ordersMigrations } from './migrations.ts';
import { PriceCache } from './prices.ts';
import { ordersMetrics } from './metrics.ts';
import { OrderProjector } from './projector.ts';
import { SagaResumer } from './resume.ts';
import { ordersHandlers } from './routes.ts';
import { SAGA_REPLY_TYPES, handleSagaReply } from './saga.ts';

export interface OrdersServiceOptions {
  bus: EventBackbone;
  database: DatabaseOptions;
  /** How far the read model stays behind the commands (ORDERS_READ_MODEL_LAG_MS). */
  readModelLagMs?: number;
  /** Smallest order value in minor units (ORDERS_MIN_ORDER_VALUE); default 5000 = 50.00. */
  minOrderValueMinor?: number;
  /** A saga step without a reply for this long has its command sent again. */
  sagaRetryAfterMs?: number;
  port?: number;
  host?: string;
  logger?: Logger;
  logLevel?: string;
  /** Whose service tokens this service accepts (`trustFromEnv`, `trustFromKeys`, `testTrust`). */
  trust: TrustedIssuer[];
}

export interface RunningOrdersService {
  name: 'orders';
  url: string;
  app: FastifyInstance;
  db: Database;
  projector: OrderProjector;
  prices: PriceCache;
  stop(): Promise<void>;
}

export const ORDERS_SAGA_CONSUMER = 'orders-saga';
export const ORDERS_PRICES_CONSUMER = 'orders-prices';

export async function startOrdersService(options: OrdersServiceOptions): Promise<RunningOrdersService> {
  const logger = options.logger ?? createLogger('orders', options.logLevel);
  const db = await openDatabase(options.database);
  await migrate(db, 'orders', ordersMigrations);
  const life = new ServiceLifecycle('orders', db, options.bus, logger);
  const relay = new OutboxRelay({ db, bus: options.bus, logger });
  await life.startWorker(relay);
  const projector = new OrderProjector(db, options.readModelLagMs ?? 0, () => relay.nudge(), logger);
  // After every commit of the write side: relay its messages, project its order events when due.
  const nudge = () => {
    relay.nudge();
    projector.eventsWritten();
  };

  const prices = new PriceCache(db);
  await prices.load();
  await life.subscribe({
    consumer: ORDERS_PRICES_CONSUMER,
    subjects: ['evt.market.PriceTick'],
    startAt: 'new',
    // Each instance prices orders from its own cache, so each needs every tick (a shared durable
    // consumer would split them between the instances).
    everyInstance: true,
    handler: (m) => prices.apply(m),
  });
  const metrics = ordersMetrics(life.metrics.registry, projector);
  await life.subscribe({
    consumer: ORDERS_SAGA_CONSUMER,
    subjects: ['evt.accounts.>', 'evt.market.>'],
    // Different orders side by side; one order's replies in order (keyed by correlation id).
    concurrency: 8,
    handler: async (message) => {
      if (!SAGA_REPLY_TYPES.has(message.type)) return;
      // Observed once the step is written (a step that did not apply is handled again later).
      let step: Parameters<typeof metrics.sagaStep> | null = null;
      await handleSagaReply(db, ORDERS_SAGA_CONSUMER, message, (...observed) => (step = observed));
      if (step) {
        const [at, outcome] = step as Parameters<typeof metrics.sagaStep>;
        metrics.sagaStep(...(step as Parameters<typeof metrics.sagaStep>));
        // The consumer's span (tracing on) says which saga step this reply ended.
        trace.getActiveSpan()?.updateName(`saga ${at}: ${outcome}`);
        trace.getActiveSpan()?.setAttributes({ 'orders.saga.step': at, 'orders.saga.outcome': outcome });
      }
      nudge();
    },
  });

  await life.startWorker(projector);
  const retryAfter = options.sagaRetryAfterMs ?? 15_000;
  await life.startWorker(
    new SagaResumer(db, nudge, logger, retryAfter, Math.max(1000, Math.floor(retryAfter / 3))),
  );

  const auth = await ServiceTokenVerifier.create('orders', options.trust);
  const app = createServiceApp({
    auth,
    name: 'orders',
    specPath: serviceSpecPath('orders'),
    logger,
    handlers: ordersHandlers({
      db,
      prices,
      projector,
      rules: { minimumOrderValueMinor: options.minOrderValueMinor ?? DEFAULT_MIN_ORDER_VALUE_MINOR },
      afterCommit: nudge,
    }),
    readiness: {
      database: async () => (await db.ping(), true),
      backbone: async () => options.bus.isHealthy(),
      prices: async () => prices.size > 0,
    },
  });
  const url = await life.listen(app, options.port ?? 0, options.host);
  logger.info({ url, readModelLagMs: options.readModelLagMs ?? 0 }, 'orders service listening');
  return { name: 'orders', url, app, db, projector, prices, stop: () => life.stop(app) };
}
