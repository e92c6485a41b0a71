import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallObserver } from '../downstream/service-client.ts';
import type { Downstreams } from '../downstream/downstreams.ts';

/**
 * Prometheus metrics at `/metrics`: request duration histograms per route (latency, traffic and
 * errors via the status label) and the process's default metrics (saturation: CPU, memory, event
 * loop lag). One registry per app so tests can build several apps in one process.
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
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
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
