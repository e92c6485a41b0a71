// Runs the market service as its own process: `npm start -w services/market`.
import {
  backboneFromEnv,
  createLogger,
  serviceDataDir,
  stopOnSignals,
  startTracing,
  trustFromEnv,
} from '@simplebank/service-kit';
import { faultsFromEnv } from './faults.ts';
import { startMarketService } from './service.ts';

// Before anything opens a connection: OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set, else off.
const tracing = startTracing({ serviceName: 'simplebank-market' });

const env = process.env;
const logger = createLogger('market');
const bus = await backboneFromEnv('market', logger);
const service = await startMarketService({
  bus,
  logger,
  database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, dataDir: serviceDataDir('market') },
  tickMs: env.MARKET_TICK_MS ? Number(env.MARKET_TICK_MS) : undefined,
  seed: env.MARKET_SEED ? Number(env.MARKET_SEED) : undefined,
  faults: faultsFromEnv(env),
  port: Number(env.PORT ?? 3103),
  host: env.HOST ?? '127.0.0.1',
  trust: trustFromEnv('market'),
});
stopOnSignals(async () => {
  await service.stop();
  await bus.close();
  await tracing?.shutdown();
}, logger);
