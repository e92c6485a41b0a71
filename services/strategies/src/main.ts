// Runs the strategies service as its own process: `npm start -w services/strategies`.
import {
  backboneFromEnv,
  createLogger,
  minorUnitsFromEnv,
  serviceDataDir,
  stopOnSignals,
} from '@simplebank/service-kit';
import { startStrategiesService } from './service.ts';

const env = process.env;
const logger = createLogger('strategies');
const bus = await backboneFromEnv('strategies', logger);
const service = await startStrategiesService({
  bus,
  logger,
  database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, dataDir: serviceDataDir('strategies') },
  ordersUrl: env.ORDERS_URL ?? 'http://127.0.0.1:3101',
  seed: env.SIMPLEBANK_SEED === '1',
  rules: {
    minimumInvestmentMinor: minorUnitsFromEnv('STRATEGIES_MIN_INVESTMENT', env.STRATEGIES_MIN_INVESTMENT),
    // The orders service's own rule, read from the same variable so both refuse the same orders.
    minimumOrderValueMinor: minorUnitsFromEnv('ORDERS_MIN_ORDER_VALUE', env.ORDERS_MIN_ORDER_VALUE),
  },
  port: Number(env.PORT ?? 3104),
  host: env.HOST ?? '0.0.0.0',
});
stopOnSignals(async () => {
  await service.stop();
  await bus.close();
}, logger);
