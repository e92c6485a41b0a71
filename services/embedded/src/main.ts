// Runs the four backend services in one process: `npm start -w services/embedded`.
import { createLogger, stopOnSignals } from '@simplebank/service-kit';
import { startEmbeddedServices } from './embedded.ts';

const env = process.env;
const logger = createLogger('services');
const embedded = await startEmbeddedServices({
  readModelLagMs: Number(env.ORDERS_READ_MODEL_LAG_MS ?? 1000),
  ports: { orders: 3101, accounts: 3102, market: 3103, strategies: 3104 },
  host: env.HOST ?? '127.0.0.1',
  ...(env.MARKET_TICK_MS ? { market: { tickMs: Number(env.MARKET_TICK_MS) } } : {}),
  ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
});
logger.info({ urls: embedded.urls }, 'backend services running in one process');
stopOnSignals(() => embedded.stop(), logger);
