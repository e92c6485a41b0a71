import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { createMessage, type Envelope, type EventBackbone } from '@simplebank/events';
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
  type Lease,
  type Logger,
  type Worker,
  ServiceTokenVerifier,
  type TrustedIssuer,
} from '@simplebank/service-kit';
import { assetCatalog } from './catalog.ts';
import { SharedFaults, type Faults } from './faults.ts';
import { handleMarketCommand, runGatewayPass, type GatewayTiming } from './gateway.ts';
import { marketMigrations } from './migrations.ts';
import { PriceBook, pruneHistory, type Quote } from './prices.ts';
import { marketHandlers } from './routes.ts';

export interface MarketServiceOptions {
  bus: EventBackbone;
  database: DatabaseOptions;
  /** Milliseconds between price ticks (PriceTick events); 0 stops the walk (tests set prices). */
  tickMs?: number;
  /** Seed of the random walk. */
  seed?: number;
  faults?: Partial<Faults>;
  timing?: Partial<GatewayTiming>;
  /** How often working orders are looked at. */
  gatewayPollMs?: number;
  port?: number;
  host?: string;
  logger?: Logger;
  logLevel?: string;
  /** Whose service tokens this service accepts (`trustFromEnv`, `trustFromKeys`, `testTrust`). */
  trust: TrustedIssuer[];
}

export interface RunningMarketService {
  name: 'market';
  url: string;
  app: FastifyInstance;
  db: Database;
  /** This instance's live copy of the shared fault settings (the admin endpoint changes them all). */
  faults: Faults;
  /** Whether this instance holds the ticker lease now. */
  isTicking(): boolean;
  prices: PriceBook;
  stop(): Promise<void>;
}

export const MARKET_CONSUMER = 'market-gateway';
/** The lease of the one instance that moves prices (see packages/service-kit/src/lease.ts). */
export const TICKER_LEASE = 'market-ticker';
/** Quotes kept per asset in price_history. */
const HISTORY_SIZE = 600;
/** How often an instance takes the fault settings another one changed. */
const FOLLOW_FAULTS_MS = 500;

/** Runs fn every intervalMs, one run at a time, and waits for the current run on stop. */
function intervalWorker(intervalMs: number, fn: () => Promise<void>, logger: Logger, what: string): Worker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  return {
    start() {
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        running = fn()
          .catch((error: unknown) => logger.warn({ err: error }, `${what} failed`))
          .finally(() => (busy = false));
      }, intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

export async function startMarketService(options: MarketServiceOptions): Promise<RunningMarketService> {
  const logger = options.logger ?? createLogger('market', options.logLevel);
  const timing: GatewayTiming = {
    sendLatencyMs: 30,
    fillLatencyMs: 50,
    limitOrderTtlMs: 60_000,
    ...options.timing,
  };
  const tickMs = options.tickMs ?? 1000;
  const db = await openDatabase(options.database);
  await migrate(db, 'market', marketMigrations);
  const prices = new PriceBook(options.seed ?? 42);
  const fresh = await prices.load(db);
  const sharedFaults = await SharedFaults.open(db, options.faults ?? {});
  const faults = sharedFaults.current;

  const life = new ServiceLifecycle('market', db, options.bus, logger);
  const relay = new OutboxRelay({ db, bus: options.bus, logger });
  await life.startWorker(relay);

  const tickMessage = (quotes: Quote[]): Envelope =>
    createMessage(
      'evt.market.PriceTick',
      {
        prices: quotes.map((q) => ({
          assetId: q.assetId,
          price: q.price,
          currency: 'USD',
          at: q.at.toISOString(),
        })),
      },
      { source: 'market' },
    );

  const publishQuotes = async (quotes: Quote[], extra: Envelope[] = []) => {
    await db.transaction(async (tx) => {
      await prices.persist(tx, quotes);
      await enqueueMessages(tx, [...extra, tickMessage(quotes)]);
    });
    relay.nudge();
  };

  // The first tick goes out at once, so consumers know every price right after start.
  const listed = fresh
    ? assetCatalog.map((a) =>
        createMessage(
          'evt.market.AssetListed',
          { asset: { id: a.id, symbol: a.symbol, name: a.name, type: a.type, currency: a.currency } },
          { source: 'market' },
        ),
      )
    : [];
  await publishQuotes(prices.all(), listed);

  // The gateway looks at the database only while it has working orders (or may have: a new
  // command, a new price, and on PostgreSQL once in a while for orders another instance took in;
  // a PGlite is this process's alone).
  let mayHaveWork = true;
  let lastFullLook = 0;
  const gatewayPass = async () => {
    if (!mayHaveWork && (db.kind === 'pglite' || Date.now() - lastFullLook < 1000)) return;
    lastFullLook = Date.now();
    // Outside a transaction first, one small query: most passes find nothing due; whether any
    // order is still working says whether to keep looking.
    const [look] = await db.query<{ due: number; working: number }>(
      `SELECT count(*) FILTER (WHERE (status = 'received' AND send_at <= now()) OR (status = 'open' AND (type = 'limit' OR fill_at <= now())))::int AS due,
         count(*)::int AS working
       FROM market_orders WHERE status IN ('received', 'open')`,
    );
    if ((look?.due ?? 0) === 0) {
      mayHaveWork = (look?.working ?? 0) > 0;
      return;
    }
    const sent = await db.transaction(async (tx) => {
      // Fill at the shared current prices (the ticking instance may be another one).
      await prices.refresh(tx);
      const messages = await runGatewayPass(tx, prices, faults, timing);
      await enqueueMessages(tx, messages);
      return messages.length;
    });
    if (sent > 0) relay.nudge();
  };
  await life.startWorker(intervalWorker(options.gatewayPollMs ?? 25, gatewayPass, logger, 'gateway pass'));
  await life.startWorker(
    intervalWorker(FOLLOW_FAULTS_MS, async () => void (await sharedFaults.follow()), logger, 'faults follow'),
  );

  // Exactly one instance ticks: the one holding the lease. The others try to take it on every
  // tick interval, so when the holder dies one of them goes on within about one interval.
  let lease: Lease | null = null;
  let ticks = 0;
  const tick = async () => {
    if (!lease?.held) {
      lease = await db.tryLease(TICKER_LEASE);
      if (!lease) return;
      logger.info('this instance ticks the market now');
    }
    if (faults.down) return;
    await db.transaction(async (tx) => {
      // Step from the shared prices, locked: an admin's price set meanwhile is not overwritten.
      await prices.refresh(tx, true);
      const quotes = prices.step();
      await prices.persist(tx, quotes);
      await enqueueMessages(tx, [tickMessage(quotes)]);
    });
    relay.nudge();
    mayHaveWork = true;
    if (++ticks % 100 === 0) await pruneHistory(db, HISTORY_SIZE);
  };
  if (tickMs > 0) {
    const ticker = intervalWorker(tickMs, tick, logger, 'price tick');
    await life.startWorker({
      start: () => ticker.start(),
      stop: async () => {
        await ticker.stop();
        await lease?.release();
      },
    });
  }

  await life.subscribe({
    consumer: MARKET_CONSUMER,
    subjects: ['cmd.market.>'],
    concurrency: 8,
    handler: async (message) => {
      await processOnce(db, MARKET_CONSUMER, message, async (tx) =>
        enqueueMessages(tx, await handleMarketCommand(tx, message, faults, timing)),
      );
      mayHaveWork = true;
      relay.nudge();
    },
  });

  const auth = await ServiceTokenVerifier.create('market', options.trust);
  const app = createServiceApp({
    auth,
    name: 'market',
    specPath: serviceSpecPath('market'),
    logger,
    handlers: marketHandlers({
      db,
      faults: sharedFaults,
      setPrice: async (assetId, price) => {
        mayHaveWork = true;
        await publishQuotes([prices.setPrice(assetId, price)]);
      },
    }),
    readiness: {
      database: async () => (await db.ping(), true),
      backbone: async () => options.bus.isHealthy(),
    },
  });
  // Injected latency slows what callers see (quotes), never the admin controls or health.
  app.addHook('onRequest', async (request) => {
    if (faults.extraLatencyMs > 0 && !request.url.startsWith('/admin') && !request.url.startsWith('/health'))
      await sleep(faults.extraLatencyMs);
  });
  const url = await life.listen(app, options.port ?? 0, options.host);
  logger.info({ url, tickMs }, 'market service listening');
  return {
    name: 'market',
    url,
    app,
    db,
    faults,
    prices,
    isTicking: () => lease?.held === true,
    stop: () => life.stop(app),
  };
}
