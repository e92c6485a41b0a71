// Runs the orders service as its own process: `npm start -w services/orders`.
import {
  backboneFromEnv,
  createLogger,
  minorUnitsFromEnv,
  serviceDataDir,
  stopOnSignals,
  startTracing,
  trustFromEnv,
} from '@simplebank/service-kit';
import { startOrdersService } from './service.ts';

// Before anything opens a connection: OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set, else off.
const tracing = startTracing({ serviceName: 'simplebank-orders' });

const env = process.env;
const logger = createLogger('orders');
const bus = await backboneFromEnv('orders', logger);
const service = await startOrdersService({
  bus,
  logger,
  database: {
    url: env.DATABASE_URL,
    schema: env.DATABASE_SCHEMA,
    dataDir: env.ORDERS_DATA_DIR ?? serviceDataDir('orders'),
  },
  readModelLagMs: Number(env.ORDERS_READ_MODEL_LAG_MS ?? 1000),
  minOrderValueMinor: minorUnitsFromEnv('ORDERS_MIN_ORDER_VALUE', env.ORDERS_MIN_ORDER_VALUE),
  sagaRetryAfterMs: env.ORDERS_SAGA_RETRY_MS ? Number(env.ORDERS_SAGA_RETRY_MS) : undefined,
  port: Number(env.PORT ?? 3101),
  host: env.HOST ?? '127.0.0.1',
  trust: trustFromEnv('orders'),
});
stopOnSignals(async () => {
  await service.stop();
  await bus.close();
  await tracing?.shutdown();
}, logger);
