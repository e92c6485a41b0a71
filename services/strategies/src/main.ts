// Runs the strategies service as its own process: `npm start -w services/strategies`.
import {
  backboneFromEnv,
  createLogger,
  minorUnitsFromEnv,
  serviceDataDir,
  stopOnSignals,
  startTracing,
  trustFromEnv,
} from '@simplebank/service-kit';
import { startStrategiesService } from './service.ts';

// Before anything opens a connection: OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set, else off.
const tracing = startTracing({ serviceName: 'simplebank-strategies' });

const env = process.env;
function requiredEnv(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`strategies: ${name} is required`);
  return value;
}
const logger = createLogger('strategies');
const bus = await backboneFromEnv('strategies', logger);
const service = await startStrategiesService({
  bus,
  logger,
  database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, dataDir: serviceDataDir('strategies') },
  ordersUrl: env.ORDERS_URL ?? 'http://127.0.0.1:3101',
  ordersTokenKey: requiredEnv('STRATEGIES_TOKEN_PRIVATE_KEY'),
  seed: env.SIMPLEBANK_SEED === '1',
  rules: {
    minimumInvestmentMinor: minorUnitsFromEnv('STRATEGIES_MIN_INVESTMENT', env.STRATEGIES_MIN_INVESTMENT),
    // The orders service's own rule, read from the same variable so both refuse the same orders.
    minimumOrderValueMinor: minorUnitsFromEnv('ORDERS_MIN_ORDER_VALUE', env.ORDERS_MIN_ORDER_VALUE),
  },
  port: Number(env.PORT ?? 3104),
  host: env.HOST ?? '127.0.0.1',
  trust: trustFromEnv('strategies'),
});
stopOnSignals(async () => {
  await service.stop();
  await bus.close();
  await tracing?.shutdown();
}, logger);
