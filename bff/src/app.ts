import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import pino from 'pino';
import type { Registry } from 'prom-client';
import { PLATFORM_CONTRACT_VERSION } from './platform-contract.ts';
import type { BffConfig } from './config.ts';
import { Contract } from './contract/openapi.ts';
import { installErrorHandling } from './http/errors.ts';
import { installCsrfProtection } from './http/csrf.ts';
import { downstreamMetrics, installMetrics, resolveMetricsToken, serveMetrics } from './http/metrics.ts';
import { installResponseValidation } from './http/contract-responses.ts';
import { installShell } from './http/shell.ts';
import { installApiDocs } from './http/api-docs.ts';
import { installAuth, type AuthOptions } from './auth/auth-plugin.ts';
import { UserStore } from './auth/user-store.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { RevokedSessions, resolveSessionSecret } from './auth/sessions.ts';
import { FragmentRegistry, type RegistryChange } from './registry/registry.ts';
import { resolveDeployToken } from './registry/deploy-token.ts';
import { seedRegistry } from './registry/seed.ts';
import { AuditLog } from './audit/audit-log.ts';
import { EMBEDDED_DEFAULT_FLAGS, FlagStore, flagsFor, type AdminFlagSet } from './flags/flag-store.ts';
import type { BffContext } from './context.ts';
import { healthRoutes, type DependencyCheck } from './routes/health.ts';
import { sessionRoutes } from './routes/session.ts';
import { telemetryRoutes } from './routes/telemetry.ts';
import { fragmentRoutes } from './routes/fragments.ts';
import { flagRoutes } from './routes/flags.ts';
import { systemRoutes } from './routes/system.ts';
import { adminRoutes } from './routes/admin.ts';
import { marketHistoryRoutes } from './routes/market-history.ts';
import { assetRoutes } from './routes/assets.ts';
import { feeRoutes } from './routes/fees.ts';
import { orderRoutes } from './routes/orders.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { strategyRoutes } from './routes/strategies.ts';
import { adminCompositionRoutes } from './routes/admin-composition.ts';
import { Downstreams } from './downstream/downstreams.ts';
import { bffServiceTokens } from './downstream/service-token.ts';
import { PriceCache } from './downstream/price-cache.ts';
import { Realtime } from './realtime/realtime.ts';
import { EventBridge, type EventSource } from './realtime/event-bridge.ts';
import { realtimeMetrics } from './telemetry/realtime-metrics.ts';
import { annotateRequestSpan, traceFastify, tracingEnabled } from '@simplebank/service-kit';
import { openBffDatabase, type Database } from './store/database.ts';
import { serveFragmentFiles } from './registry/fragment-files.ts';
import { DbSessionBuildStore, buildAttributes } from './builds/session-builds.ts';
import { hostname } from 'node:os';

export interface BffEvents {
  /** Called after every registry change (the realtime layer pushes `deployments`). */
  onRegistryChange?: (change: RegistryChange) => void;
  onFlagsChange?: (flags: AdminFlagSet) => void;
  /** The services' event backbone: read-model updates and ticks are pushed to the sockets they concern. */
  eventSource?: EventSource;
  /**
   * A database already open and migrated, shared with another app in this process (tests standing
   * for two instances on one PGlite); the app then does not close it. Default: opened from config.
   */
  database?: Database;
}

declare module 'fastify' {
  interface FastifyInstance {
    bff: BffContext;
    realtime: Realtime;
    /** The operator listener for `/metrics` (`METRICS_PORT`), not listening yet; null when off. */
    metricsServer: FastifyInstance | null;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The durable consumer the push bridge reads the backbone with. With the Redis adapter every
 * instance's emit already reaches the sockets of all instances, so the instances share one consumer
 * (JetStream hands each event to one of them) and a socket gets each push once. Without Redis each
 * instance pushes to its own sockets only, so it needs every event: a consumer of its own, named
 * after host and port so a restarted instance resumes where it stopped.
 */
export function pushConsumer(config: Pick<BffConfig, 'redisUrl' | 'redisPrefix' | 'port'>): string {
  return config.redisUrl ? `${config.redisPrefix}-push` : `bff-push-${hostname()}-${config.port}`;
}

/**
 * Where `/metrics` is served: on its own listener when `METRICS_PORT` is set (token optional),
 * otherwise on the BFF behind a bearer token; outside the embedded default without either, nowhere.
 */
async function metricsEndpoint(
  app: FastifyInstance,
  config: BffConfig,
  registry: Registry,
  db: Database,
): Promise<FastifyInstance | null> {
  if (config.metricsPort !== null) {
    const server = Fastify({ logger: false });
    serveMetrics(server, registry, config.metricsToken);
    app.addHook('onClose', () => server.close());
    return server;
  }
  const token = await resolveMetricsToken({
    configured: config.metricsToken,
    dataDir: `${config.dataDir}/bff`,
    db,
    embedded: config.embedded,
  });
  if (token) serveMetrics(app, registry, token);
  else app.log.warn('/metrics is off: set METRICS_TOKEN or METRICS_PORT (bff/README.md)');
  return null;
}

/** Builds the BFF app (not listening): the tests inject into it, `main.ts` listens. */
export async function buildBff(config: BffConfig, events: BffEvents = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { service: 'bff', version: config.version },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    // Keep an upstream request id (proxy, another service) so one id follows the whole call chain.
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Fastify's two lines per request are replaced by one (onResponse hook below).
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    // The router's default (100) answers 414 before the contract's schema can say which parameter
    // is wrong and why; a longer limit lets an over-long id get its 400 with field and reason.
    routerOptions: { maxParamLength: 2048 },
  });
  traceFastify(app, 'bff');

  const contract = new Contract();
  app.setValidatorCompiler(contract.validatorCompiler);
  installErrorHandling(app);

  const database = events.database ?? (await openBffDatabase(config));
  // Closed last (onClose hooks run in reverse order of registration).
  if (!events.database) app.addHook('onClose', () => database.close());
  const sessionSecret = await resolveSessionSecret({
    configured: config.sessionSecret,
    db: database,
    embedded: config.embedded,
  });
  await app.register(fastifyCookie, { secret: sessionSecret });

  const registry = new FragmentRegistry(database, PLATFORM_CONTRACT_VERSION);
  const fragmentOrigins = config.fragmentOrigins;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Fragments are served by the registry (same origin) or from its configured origins only.
        scriptSrc: ["'self'", ...fragmentOrigins],
        styleSrc: ["'self'", "'unsafe-inline'", ...fragmentOrigins],
        imgSrc: ["'self'", 'data:', ...fragmentOrigins],
        fontSrc: ["'self'", 'data:', ...fragmentOrigins],
        connectSrc: ["'self'", ...fragmentOrigins],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.secureCookies === true,
  });

  app.decorateRequest('deadline', 0);
  app.addHook('onRequest', async (request, reply) => {
    request.deadline = Date.now() + config.requestDeadlineMs;
    reply.header('x-request-id', request.id);
  });
  // One log line per request: path, status, duration, user (docs/DOMAIN.md, logs).
  app.addHook('onResponse', async (request, reply) => {
    const entry = {
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (reply.statusCode >= 500) request.log.error(entry, 'request failed');
    else request.log.info(entry, 'request');
  });
  const metrics = installMetrics(app);
  app.decorate('metricsServer', await metricsEndpoint(app, config, metrics, database));

  const users = new UserStore(database);
  await users.init({ seedDemoUsers: config.embedded });
  const revoked = new RevokedSessions(database);
  app.addHook('onClose', async () => {
    users.close();
    revoked.close();
  });
  const audit = new AuditLog(database);
  const builds = new DbSessionBuildStore(database);
  const auth: AuthOptions = {
    users,
    revoked,
    ttlSeconds: config.sessionTtlSeconds,
    secureCookies: config.secureCookies,
  };
  installAuth(app, auth);
  // Every request span of a session carries the builds its browser loaded. Only while tracing is
  // on: otherwise no hook is added at all.
  if (tracingEnabled()) {
    app.addHook('onRequest', async (request) => {
      if (!request.sessionClaims) return;
      const loaded = await builds.ofSession(request.sessionClaims.sid);
      if (loaded) annotateRequestSpan(request, buildAttributes(loaded));
    });
  }
  installCsrfProtection(app, config.allowedOrigins);
  installResponseValidation(app, contract, config.strictResponses);

  const deployToken = await resolveDeployToken({
    configured: config.deployToken,
    registryDir: config.registryDir,
    db: database,
    embedded: config.embedded,
  });
  const realtime = new Realtime(app, {
    auth,
    allowedOrigins: config.allowedOrigins,
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
  });
  await realtime.start();
  app.decorate('realtime', realtime);
  const pushMetrics = realtimeMetrics(metrics, realtime);
  app.addHook('onClose', () => realtime.close());
  const loginThrottle = await LoginThrottle.create(
    {
      maxFailuresPerUser: config.loginRateLimit.max,
      maxFailuresPerAddress: config.loginRateLimit.maxPerAddress,
      windowMs: config.loginRateLimit.timeWindowMs,
    },
    config.redisUrl
      ? {
          url: config.redisUrl,
          prefix: config.redisPrefix,
          onError: (err) => app.log.error({ err: err.message }, 'redis error (login throttle)'),
        }
      : null,
  );
  app.addHook('onClose', () => loginThrottle.close());
  const ctx: BffContext = {
    config,
    database,
    contract,
    registry,
    users,
    auth,
    audit,
    flags: new FlagStore(database, config.embedded ? { ...EMBEDDED_DEFAULT_FLAGS } : {}),
    deployToken,
    sockets: realtime,
    loginThrottle,
    builds,
  };
  app.decorate('bff', ctx);

  const callMetrics = downstreamMetrics(metrics);
  const downstreams = new Downstreams(
    config.services,
    await bffServiceTokens(config),
    config.resilience,
    callMetrics.observe,
  );
  callMetrics.watch(downstreams);
  app.addHook('onClose', () => downstreams.close());
  const dependencies: DependencyCheck[] = [
    { name: 'fragment-registry', critical: true, check: () => registry.check() },
    { name: 'user-store', critical: true, check: () => users.check() },
    ...downstreams.checks(),
  ];
  // Without them pushes stop crossing instances (Redis) or stop altogether (NATS), while requests
  // still work: reported, not critical.
  if (config.redisUrl)
    dependencies.push({ name: 'redis', critical: false, check: () => realtime.checkRedis() });
  const source = events.eventSource;
  if (config.natsUrl && source)
    dependencies.push({
      name: 'nats',
      critical: false,
      check: async () => {
        if (source.isHealthy && !source.isHealthy()) throw new Error('not connected to NATS');
      },
    });
  healthRoutes(app, ctx, dependencies);
  sessionRoutes(app, ctx);
  telemetryRoutes(app, ctx);
  fragmentRoutes(app, ctx, (change) => {
    realtime.toSubscribers('deployments', {
      version: change.revision,
      name: change.fragment.name,
      active: change.fragment.active,
      canary: change.fragment.canary,
    });
    events.onRegistryChange?.(change);
  });
  flagRoutes(app, ctx, (flags) => {
    void realtime
      .toSubscribersEach('flags', (user) => ({ ...flagsFor(flags, user.roles) }))
      .catch((err: Error) => app.log.warn({ err: err.message }, 'could not push flags'));
    events.onFlagsChange?.(flags);
  });
  adminRoutes(app, ctx);
  // One price cache: the catalogue's prices also serve the portfolio while the market is down.
  const prices = new PriceCache();
  assetRoutes(app, ctx, { downstreams, prices });
  portfolioRoutes(app, ctx, { downstreams, prices });
  feeRoutes(app, ctx, downstreams);
  orderRoutes(app, ctx, downstreams);
  marketHistoryRoutes(app, ctx, downstreams);
  strategyRoutes(app, ctx, downstreams);
  adminCompositionRoutes(app, ctx, downstreams);
  systemRoutes(app, ctx, dependencies, downstreams);
  await installApiDocs(app, { adminsOnly: !config.embedded });
  serveFragmentFiles(app, registry);
  await installShell(app, { shellDist: config.shellDist });

  if (events.eventSource) {
    const bridge = new EventBridge(realtime, users, downstreams, app.log, undefined, pushMetrics.pushed);
    await bridge.start(events.eventSource, pushConsumer(config));
    app.addHook('onClose', () => bridge.stop());
  }

  await registry.check();
  if (config.seedAppsDir) await seedRegistry(registry, config.seedAppsDir, app.log);
  return app;
}
