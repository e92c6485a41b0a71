// Runs the accounts service as its own process: `npm start -w services/accounts`.
import {
  backboneFromEnv,
  createLogger,
  serviceDataDir,
  stopOnSignals,
  startTracing,
  trustFromEnv,
} from '@simplebank/service-kit';
import { startAccountsService } from './service.ts';

// Before anything opens a connection: OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set, else off.
const tracing = startTracing({ serviceName: 'simplebank-accounts' });

const env = process.env;
const logger = createLogger('accounts');
const bus = await backboneFromEnv('accounts', logger);
const service = await startAccountsService({
  bus,
  logger,
  database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, dataDir: serviceDataDir('accounts') },
  seed: env.SIMPLEBANK_SEED === '1',
  depositDelayMs: env.DEPOSIT_DELAY_MS ? Number(env.DEPOSIT_DELAY_MS) : undefined,
  port: Number(env.PORT ?? 3102),
  host: env.HOST ?? '127.0.0.1',
  trust: trustFromEnv('accounts'),
});
stopOnSignals(async () => {
  await service.stop();
  await bus.close();
  await tracing?.shutdown();
}, logger);
