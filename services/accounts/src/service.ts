import type { FastifyInstance } from 'fastify';
import type { EventBackbone } from '@simplebank/events';
import {
  OutboxRelay,
  ServiceLifecycle,
  createLogger,
  createServiceApp,
  enqueueMessages,
  migrate,
  openDatabase,
  processOnce,
  serviceSpecPath,
  type Database,
  type DatabaseOptions,
  type Logger,
  ServiceTokenVerifier,
  type TrustedIssuer,
} from '@simplebank/service-kit';
import { handleAccountsCommand } from './commands.ts';
import { accountsMigrations } from './migrations.ts';
import { DepositWorker } from './payments.ts';
import { accountsHandlers } from './routes.ts';
import { seedAccounts } from './seed.ts';

export interface AccountsServiceOptions {
  bus: EventBackbone;
  database: DatabaseOptions;
  /** Seed alice and bob (embedded default only). */
  seed?: boolean;
  /** Delay before a deposit completes (PaymentCompleted). */
  depositDelayMs?: number;
  port?: number;
  host?: string;
  logger?: Logger;
  logLevel?: string;
  /** Whose service tokens this service accepts (`trustFromEnv`, `trustFromKeys`, `testTrust`). */
  trust: TrustedIssuer[];
}

export interface RunningAccountsService {
  name: 'accounts';
  url: string;
  app: FastifyInstance;
  db: Database;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

export const ACCOUNTS_CONSUMER = 'accounts-commands';

export async function startAccountsService(options: AccountsServiceOptions): Promise<RunningAccountsService> {
  const logger = options.logger ?? createLogger('accounts', options.logLevel);
  const depositDelayMs = options.depositDelayMs ?? 1500;
  const db = await openDatabase(options.database);
  await migrate(db, 'accounts', accountsMigrations);
  if (options.seed) await db.transaction((tx) => seedAccounts(tx));

  const life = new ServiceLifecycle('accounts', db, options.bus, logger);
  const relay = new OutboxRelay({ db, bus: options.bus, logger });
  await life.startWorker(relay);
  await life.startWorker(new DepositWorker(db, enqueueMessages, () => relay.nudge()));

  await life.subscribe({
    consumer: ACCOUNTS_CONSUMER,
    subjects: ['cmd.accounts.>'],
    concurrency: 8,
    handler: async (message) => {
      await processOnce(db, ACCOUNTS_CONSUMER, message, async (tx) =>
        enqueueMessages(tx, await handleAccountsCommand(tx, message, { depositDelayMs })),
      );
      relay.nudge();
    },
  });

  const auth = await ServiceTokenVerifier.create('accounts', options.trust);
  const app = createServiceApp({
    auth,
    name: 'accounts',
    specPath: serviceSpecPath('accounts'),
    logger,
    handlers: accountsHandlers({ db, depositDelayMs, afterCommit: () => relay.nudge() }),
    readiness: {
      database: async () => (await db.ping(), true),
      backbone: async () => options.bus.isHealthy(),
    },
  });
  const url = await life.listen(app, options.port ?? 0, options.host);
  logger.info({ url }, 'accounts service listening');
  return { name: 'accounts', url, app, db, relay, stop: () => life.stop(app) };
}
