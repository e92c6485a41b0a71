import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  InProcessBackbone,
  NatsBackbone,
  type EventBackbone,
  type SubscribeOptions,
  type Subscription,
} from '@simplebank/events';
import type { Database } from './database.ts';
import type { Logger } from './logger.ts';
import { ServiceMetrics } from './metrics.ts';
import { inMessageSpan } from './telemetry.ts';

/** Something a service runs beside its HTTP server (a relay, a projector, a timer). */
export interface Worker {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/**
 * Owns what a running service holds, and lets go of it in the right order on stop:
 * HTTP first (in-flight requests finish), then consumers, then workers, then the database.
 */
export class ServiceLifecycle {
  private readonly subscriptions: Subscription[] = [];
  private readonly workers: Worker[] = [];
  private stopped = false;
  /** The service's Prometheus metrics (served at `/metrics` by listen). */
  readonly metrics: ServiceMetrics;

  constructor(
    readonly name: string,
    readonly db: Database,
    readonly bus: EventBackbone,
    readonly logger: Logger,
    /** Close the database on stop (false when the caller lent it). */
    private readonly ownsDb = true,
  ) {
    this.metrics = new ServiceMetrics(name);
    this.metrics.watchOutbox(db);
    this.metrics.watchDatabase(db);
  }

  /** Subscribes a consumer; a failing handler is logged and the message is delivered again. */
  async subscribe(options: SubscribeOptions): Promise<void> {
    const sub = await this.bus.subscribe({
      ...options,
      handler: async (message) => {
        if (this.stopped) throw new Error(`${this.name} is stopping`);
        const done = this.metrics.messageReceived(options.consumer, message);
        try {
          // A span continuing the trace the message was written in (tracing on; else a plain call).
          await inMessageSpan(`process ${message.type}`, this.name, message, () => options.handler(message), {
            'messaging.consumer.group.name': options.consumer,
          });
          done('handled');
        } catch (error) {
          done('failed');
          if (!this.stopped)
            this.logger.warn(
              { err: error, messageId: message.id, type: message.type, consumer: options.consumer },
              'message handler failed; it will be redelivered',
            );
          throw error;
        }
      },
    });
    this.subscriptions.push(sub);
  }

  async startWorker(worker: Worker): Promise<void> {
    this.workers.push(worker);
    await worker.start();
  }

  /** Listens, with the service's metrics on every route and at `/metrics`. */
  async listen(app: FastifyInstance, port = 0, host = '127.0.0.1'): Promise<string> {
    this.metrics.instrument(app);
    await app.listen({ port, host });
    const address = app.server.address() as AddressInfo;
    return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  }

  async stop(app: FastifyInstance | null): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (app) await app.close();
    for (const sub of this.subscriptions.splice(0)) await sub.unsubscribe().catch(() => undefined);
    for (const worker of this.workers.splice(0).reverse()) await worker.stop().catch(() => undefined);
    if (this.ownsDb) await this.db.close();
  }
}

/** NATS JetStream when NATS_URL is set, else an in-process bus (only useful for one process). */
export async function backboneFromEnv(
  service: string,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EventBackbone> {
  const onError = (error: unknown, message: { id: string; type: string } | null, attempt: number) =>
    logger.debug({ err: error, messageId: message?.id, type: message?.type, attempt }, 'delivery failed');
  if (env.NATS_URL) {
    return NatsBackbone.connect({
      url: env.NATS_URL,
      name: service,
      ...(env.NATS_STREAM ? { stream: env.NATS_STREAM } : {}),
      ...(env.NATS_SUBJECT_PREFIX ? { subjectPrefix: env.NATS_SUBJECT_PREFIX } : {}),
      onError,
    });
  }
  return new InProcessBackbone({ onError });
}

/** Stops the service on SIGTERM/SIGINT, then exits (graceful shutdown for `main.ts`). */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
