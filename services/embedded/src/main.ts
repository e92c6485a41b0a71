// Runs the four backend services in one process: `npm start -w services/embedded`.
import { createLogger, startTracing, stopOnSignals } from '@simplebank/service-kit';
import { startEmbeddedServices } from './embedded.ts';

// OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set, else off; spans name their service.
const tracing = startTracing({ serviceName: 'simplebank-services' });
const env = process.env;
const logger = createLogger('services');
const embedded = await startEmbeddedServices({
  readModelLagMs: Number(env.ORDERS_READ_MODEL_LAG_MS ?? 1000),
  ports: { orders: 3101, accounts: 3102, market: 3103, strategies: 3104 },
  host: env.HOST ?? '127.0.0.1',
  ...(env.MARKET_TICK_MS ? { market: { tickMs: Number(env.MARKET_TICK_MS) } } : {}),
  ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
  ...(env.SIMPLEBANK_DRILL_PORT ? { drillPort: Number(env.SIMPLEBANK_DRILL_PORT) } : {}),
});
logger.info({ urls: embedded.urls }, 'backend services running in one process');
stopOnSignals(async () => {
  await embedded.stop();
  await tracing?.shutdown();
}, logger);
