import {
  AckPolicy,
  DeliverPolicy,
  JSONCodec,
  StorageType,
  connect,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import type { AnyEnvelope, Envelope } from './envelope.ts';
import { parseEnvelope } from './envelope.ts';
import type { EventBackbone, SubscribeOptions, Subscription } from './backbone.ts';

export interface NatsBackboneOptions {
  url: string;
  /** JetStream stream holding every message. Tests pass their own to stay apart. */
  stream?: string;
  /** Subject prefix: a message of type `evt.orders.OrderCreated` is published on `<prefix>.evt.orders.OrderCreated`. */
  subjectPrefix?: string;
  /** Name of this connection, as NATS monitoring shows it. */
  name?: string;
  maxDeliver?: number;
  /** How long a message stays in the stream. */
  maxAgeMs?: number;
  onError?: (error: unknown, message: AnyEnvelope | null, attempt: number) => void;
}

const codec = JSONCodec<unknown>();

/** Durable consumer names may only hold letters, digits, '-' and '_'. */
function durableName(consumer: string, filter: string): string {
  const tail = filter
    .replace(/>/g, 'all')
    .replace(/\*/g, 'any')
    .replace(/[^A-Za-z0-9_-]/g, '_');
  return `${consumer.replace(/[^A-Za-z0-9_-]/g, '_')}__${tail}`;
}

/**
 * The backbone over NATS JetStream: one stream, one durable pull consumer per (consumer, subject
 * filter), explicit acks. Publishing sets the message id as `Nats-Msg-Id`, so a relay that
 * publishes the same outbox row twice within the duplicate window stores it once.
 */
export class NatsBackbone implements EventBackbone {
  readonly kind = 'nats' as const;
  private readonly subscriptions = new Set<ConsumerMessages>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly options: NatsBackboneOptions,
  ) {}

  static async connect(options: NatsBackboneOptions): Promise<NatsBackbone> {
    const nc = await connect({
      servers: options.url,
      name: options.name ?? 'simplebank',
      timeout: 2000,
      // The client otherwise builds an Error per request to keep its stack for a failure: a cost
      // on every publish ack and pull, paid for a trace only a debugger reads.
      noAsyncTraces: process.env.NATS_ASYNC_TRACES !== '1',
    });
    const jsm = await nc.jetstreamManager();
    const stream = options.stream ?? 'SIMPLEBANK';
    const prefix = options.subjectPrefix ?? 'sb';
    try {
      await jsm.streams.info(stream);
    } catch {
      try {
        await jsm.streams.add({
          name: stream,
          subjects: [`${prefix}.>`],
          storage: StorageType.File,
          max_age: nanos(options.maxAgeMs ?? 24 * 3600 * 1000),
          duplicate_window: nanos(2 * 60 * 1000),
        });
      } catch (error) {
        // Another service may have created it at the same moment.
        await jsm.streams.info(stream).catch(() => {
          throw error;
        });
      }
    }
    return new NatsBackbone(nc, nc.jetstream(), jsm, stream, prefix, options);
  }

  async publish(message: Envelope): Promise<void> {
    await this.js.publish(`${this.prefix}.${message.type}`, codec.encode(message), { msgID: message.id });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const loops: Promise<void>[] = [];
    const iterators: ConsumerMessages[] = [];
    // An ordered consumer (ephemeral, no acks) per subscriber hands every instance every message.
    const acks = !options.everyInstance;
    for (const filter of options.subjects) {
      const consumer = options.everyInstance
        ? await this.js.consumers.get(this.stream, {
            filterSubjects: `${this.prefix}.${filter}`,
            deliver_policy: options.startAt === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
          })
        : await this.durableConsumer(options, filter);
      const messages = await consumer.consume({ max_messages: 64 });
      iterators.push(messages);
      this.subscriptions.add(messages);
      const limit = Math.max(1, options.concurrency ?? 1);
      loops.push(
        (async () => {
          const running = new Set<Promise<void>>();
          const chains = new Map<string, Promise<void>>();
          for await (const m of messages) {
            let envelope: AnyEnvelope;
            try {
              envelope = parseEnvelope(m.json());
            } catch (error) {
              // A message no one here can read will never become readable: drop it, loudly.
              this.options.onError?.(error, null, m.info.redeliveryCount);
              if (acks) m.term();
              continue;
            }
            const handle = async () => {
              try {
                await options.handler(envelope);
                if (acks) m.ack();
              } catch (error) {
                const attempt = m.info.redeliveryCount;
                this.options.onError?.(error, envelope, attempt);
                if (acks) m.nak(Math.min(2000, 50 * 2 ** Math.min(attempt, 6)));
              }
            };
            // Same correlation id: after the previous one; otherwise side by side, up to the limit.
            const key = envelope.correlationId ?? envelope.id;
            const task: Promise<void> = (chains.get(key) ?? Promise.resolve()).then(handle).finally(() => {
              running.delete(task);
              if (chains.get(key) === task) chains.delete(key);
            });
            chains.set(key, task);
            running.add(task);
            if (running.size >= limit) await Promise.race(running);
          }
          await Promise.allSettled(running);
        })(),
      );
    }
    return {
      unsubscribe: async () => {
        for (const it of iterators) {
          this.subscriptions.delete(it);
          await it.close();
        }
        await Promise.allSettled(loops);
      },
    };
  }

  /** The durable consumer the instances of a service share (created on first use). */
  private async durableConsumer(options: SubscribeOptions, filter: string) {
    const name = durableName(options.consumer, filter);
    const exists = await this.jsm.consumers.info(this.stream, name).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await this.jsm.consumers.add(this.stream, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        filter_subject: `${this.prefix}.${filter}`,
        deliver_policy: options.startAt === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
        ack_wait: nanos(30_000),
        max_deliver: this.options.maxDeliver ?? 50,
      });
    }
    return this.js.consumers.get(this.stream, name);
  }

  isHealthy(): boolean {
    return !this.nc.isClosed();
  }

  /** Removes the stream (tests clean up after themselves). */
  async deleteStream(): Promise<void> {
    await this.jsm.streams.delete(this.stream);
  }

  async close(): Promise<void> {
    for (const it of this.subscriptions) await it.close();
    this.subscriptions.clear();
    await this.nc.drain();
  }
}
