import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from './database.ts';

/** Seconds; from sub-millisecond SQL-bound requests up to the BFF's request deadline. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds a message waits between being written and handled; the read model lags ~1 s by design. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * A service's Prometheus metrics, served at `GET /metrics`: RED per route, consumer lag and
 * outcomes, the outbox backlog and its age, plus what the service registers itself (saga steps,
 * read-model lag in orders). One registry per service, labelled `service`, so the four services of
 * the embedded default keep apart in one process and several test stacks can run side by side.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly requests: Counter<'method' | 'route' | 'status_code'>;
  private readonly consumerLag: Histogram<'consumer' | 'type'>;
  private readonly messages: Counter<'consumer' | 'type' | 'outcome'>;
  private instrumented = new WeakSet<FastifyInstance>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status (latency, and errors by status_code)',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route and status (rate, and errors by status_code)',
      labelNames: ['method', 'route', 'status_code'],
      registers: [this.registry],
    });
    this.consumerLag = new Histogram({
      name: 'messaging_consumer_lag_seconds',
      help: 'Time from a message being written (occurredAt) to its handler starting, per consumer',
      labelNames: ['consumer', 'type'],
      buckets: LAG_BUCKETS,
      registers: [this.registry],
    });
    this.messages = new Counter({
      name: 'messaging_messages_handled_total',
      help: 'Messages handled per consumer and type; outcome "failed" is redelivered later',
      labelNames: ['consumer', 'type', 'outcome'],
      registers: [this.registry],
    });
  }

  /** Times every request by its route pattern and serves `GET /metrics` (outside the contract). */
  instrument(app: FastifyInstance): void {
    if (this.instrumented.has(app)) return;
    this.instrumented.add(app);
    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, not the URL: ids in paths would explode the label set.
      const route = request.routeOptions.url ?? 'unmatched';
      const labels = { method: request.method, route, status_code: String(reply.statusCode) };
      this.requestDuration.observe(labels, reply.elapsedTime / 1000);
      this.requests.inc(labels);
    });
    app.get(
      '/metrics',
      { logLevel: 'warn', config: { operationId: 'getMetrics' } },
      async (_request, reply) => {
        reply.type(this.registry.contentType);
        return this.registry.metrics();
      },
    );
  }

  /** Called when a consumer starts on a message; the returned function records how it ended. */
  messageReceived(
    consumer: string,
    message: { type: string; occurredAt?: string },
  ): (outcome: 'handled' | 'failed') => void {
    const written = message.occurredAt ? Date.parse(message.occurredAt) : NaN;
    if (Number.isFinite(written))
      this.consumerLag.observe({ consumer, type: message.type }, Math.max(0, Date.now() - written) / 1000);
    return (outcome) => this.messages.inc({ consumer, type: message.type, outcome });
  }

  /** Statements and transactions sent to the service's database (its cost per request or message). */
  watchDatabase(db: Database): void {
    for (const [name, help, pick] of [
      ['db_statements_total', 'Statements sent to the database, BEGIN and COMMIT included', 'statements'],
      ['db_transactions_total', 'Transactions run on the database', 'transactions'],
    ] as const)
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          // The database layer keeps the count; the counter shows it at scrape time.
          this.reset();
          this.inc(db.usage()[pick]);
        },
      });
  }

  /** Unpublished outbox rows and the age of the oldest, read from the database at scrape time. */
  watchOutbox(db: Database): void {
    let last: Promise<{ backlog: number; oldestSeconds: number }> | null = null;
    // Both gauges read one query per scrape (the first gauge collected starts it, the second reuses it).
    const read = () => {
      last ??= db
        .query<{ n: number; oldest: Date | string | null }>(
          'SELECT count(*)::int AS n, min(created_at) AS oldest FROM outbox WHERE published_at IS NULL',
        )
        .then(([row]) => ({
          backlog: row?.n ?? 0,
          oldestSeconds: row?.oldest ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : 0,
        }))
        // A closed or unreachable database reads as unknown rather than failing the whole scrape.
        .catch(() => ({ backlog: NaN, oldestSeconds: NaN }))
        .finally(() => setImmediate(() => (last = null)));
      return last;
    };
    new Gauge({
      name: 'outbox_backlog_messages',
      help: 'Outbox rows committed but not yet published to the event backbone',
      registers: [this.registry],
      async collect() {
        this.set((await read()).backlog);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when the outbox is drained)',
      registers: [this.registry],
      async collect() {
        this.set((await read()).oldestSeconds);
      },
    });
  }
}
