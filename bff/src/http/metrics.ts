import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ApiError } from './errors.ts';
import { tokenMatches } from '../registry/deploy-token.ts';
import { resolveLocalSecret } from '../store/local-secret.ts';
import type { Database } from '../store/database.ts';
import type { CallObserver } from '../downstream/service-client.ts';
import type { Downstreams } from '../downstream/downstreams.ts';

/**
 * Prometheus metrics: request duration histograms per route (latency, traffic and errors via the
 * status label) and the process's default metrics (saturation: CPU, memory, event loop lag). One
 * registry per app so tests can build several apps in one process; `serveMetrics` exposes it.
 */
export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'bff' });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, so ids do not explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    duration.observe(labels, reply.elapsedTime / 1000);
    inFlight.inc(labels);
  });
  return registry;
}

/**
 * `GET /metrics` on `server` (the BFF itself, or its operator listener at `METRICS_HOST:METRICS_PORT`).
 * With a token only `Authorization: Bearer <token>` reads it: the routes, traffic and breaker
 * states it shows map the system for an attacker.
 */
export function serveMetrics(server: FastifyInstance, registry: Registry, token: string | null): void {
  server.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token !== null && (given === undefined || !tokenMatches(token, given))) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new ApiError(401, 'unauthenticated', 'The metrics token is required');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/**
 * `METRICS_TOKEN`, or in the embedded default a random one kept in the database and copied to
 * `var/bff/metrics-token` (mode 600) for a local Prometheus or a bench to read. Null outside the
 * embedded default without one.
 */
export async function resolveMetricsToken(opts: {
  configured: string | null;
  dataDir: string;
  db: Database;
  embedded: boolean;
}): Promise<string | null> {
  return resolveLocalSecret({
    configured: opts.configured,
    name: 'metrics-token',
    db: opts.db,
    embedded: opts.embedded,
    exportTo: path.join(opts.dataDir, 'metrics-token'),
  });
}

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2, isolated: 3 } as const;

/** Downstream call durations by downstream service and outcome, and each breaker's state (0 closed, 1 half-open, 2 open). */
export function downstreamMetrics(registry: Registry): {
  observe: CallObserver;
  watch(downstreams: Downstreams): void;
} {
  const duration = new Histogram({
    name: 'downstream_request_duration_seconds',
    help: 'Calls to backend services by downstream service, method and outcome',
    labelNames: ['downstream', 'method', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    observe: (service, method, seconds, outcome) =>
      duration.observe({ downstream: service, method, outcome }, seconds),
    watch(downstreams) {
      new Gauge({
        name: 'downstream_breaker_state',
        help: 'Circuit breaker per backend service: 0 closed, 1 half-open, 2 open, 3 isolated',
        labelNames: ['downstream'],
        registers: [registry],
        collect() {
          for (const client of downstreams.configured())
            this.set({ downstream: client.name }, BREAKER_VALUE[client.state()]);
        },
      });
    },
  };
}
