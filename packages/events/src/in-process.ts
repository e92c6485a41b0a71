import { randomUUID } from 'node:crypto';
import type { AnyEnvelope, Envelope } from './envelope.ts';
import { parseEnvelope } from './envelope.ts';
import type { EventBackbone, MessageHandler, SubscribeOptions, Subscription } from './backbone.ts';
import { subjectMatches } from './subjects.ts';

export interface InProcessBackboneOptions {
  /** How many recent messages a new consumer with startAt 'all' can still receive. */
  retain?: number;
  /** Deliveries of one message before it is given up (and logged). */
  maxDeliver?: number;
  /** First redelivery delay; doubles per attempt, capped at 2 s. */
  redeliveryDelayMs?: number;
  onError?: (error: unknown, message: AnyEnvelope, attempt: number) => void;
}

interface DurableConsumer {
  name: string;
  subjects: string[];
  queue: { message: AnyEnvelope; attempt: number }[];
  handler: MessageHandler | null;
  concurrency: number;
  /** Correlation keys being handled now (a key's next message waits for the current one). */
  inFlight: Set<string>;
  held: boolean;
  timers: Set<NodeJS.Timeout>;
}

/**
 * The backbone when every service runs in one process. It mirrors JetStream's semantics that the
 * services rely on: durable named consumers that keep messages while detached, one message at a
 * time per consumer, redelivery after a failed handler.
 */
export class InProcessBackbone implements EventBackbone {
  readonly kind = 'in-process' as const;
  private readonly consumers = new Map<string, DurableConsumer>();
  private readonly retained: AnyEnvelope[] = [];
  private closed = false;
  private readonly retain: number;
  private readonly maxDeliver: number;
  private readonly redeliveryDelayMs: number;

  constructor(private readonly options: InProcessBackboneOptions = {}) {
    this.retain = options.retain ?? 10_000;
    this.maxDeliver = options.maxDeliver ?? 50;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 50;
  }

  async publish(message: Envelope): Promise<void> {
    if (this.closed) throw new Error('backbone closed');
    // A JSON round trip, so a consumer never shares (and mutates) the producer's object.
    const copy = parseEnvelope(JSON.parse(JSON.stringify(message)));
    this.retained.push(copy);
    if (this.retained.length > this.retain) this.retained.splice(0, this.retained.length - this.retain);
    for (const consumer of this.consumers.values()) {
      if (consumer.subjects.some((s) => subjectMatches(s, copy.type))) {
        consumer.queue.push({ message: copy, attempt: 0 });
        this.pump(consumer);
      }
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('backbone closed');
    if (options.everyInstance) return this.subscribeEach(options);
    let consumer = this.consumers.get(options.consumer);
    if (!consumer) {
      consumer = {
        name: options.consumer,
        subjects: options.subjects,
        queue: [],
        handler: null,
        concurrency: 1,
        inFlight: new Set(),
        held: false,
        timers: new Set(),
      };
      if ((options.startAt ?? 'all') === 'all') {
        for (const message of this.retained) {
          if (options.subjects.some((s) => subjectMatches(s, message.type)))
            consumer.queue.push({ message, attempt: 0 });
        }
      }
      this.consumers.set(options.consumer, consumer);
    } else if (consumer.handler) {
      throw new Error(`consumer ${options.consumer} already has a subscriber`);
    }
    consumer.subjects = options.subjects;
    consumer.handler = options.handler;
    consumer.concurrency = Math.max(1, options.concurrency ?? 1);
    this.pump(consumer);
    const attached = consumer;
    const handler = options.handler;
    return {
      unsubscribe: async () => {
        if (attached.handler === handler) attached.handler = null;
      },
    };
  }

  /** A consumer of its own per subscriber, removed with it (nothing kept while detached). */
  private async subscribeEach(options: SubscribeOptions): Promise<Subscription> {
    const name = `${options.consumer}#${randomUUID()}`;
    const subscription = await this.subscribe({ ...options, consumer: name, everyInstance: false });
    return {
      unsubscribe: async () => {
        await subscription.unsubscribe();
        const consumer = this.consumers.get(name);
        for (const timer of consumer?.timers ?? []) clearTimeout(timer);
        this.consumers.delete(name);
      },
    };
  }

  isHealthy(): boolean {
    return !this.closed;
  }

  /** Messages waiting for a consumer (for tests and lag figures). */
  pending(consumer: string): number {
    return this.consumers.get(consumer)?.queue.length ?? 0;
  }

  /**
   * Holds deliveries to a consumer until the returned function is called (tests use it to stop a
   * saga at a chosen step). Messages keep queueing meanwhile.
   */
  hold(consumerName: string): () => void {
    let consumer = this.consumers.get(consumerName);
    if (!consumer) {
      consumer = {
        name: consumerName,
        subjects: [],
        queue: [],
        handler: null,
        concurrency: 1,
        inFlight: new Set(),
        held: false,
        timers: new Set(),
      };
      this.consumers.set(consumerName, consumer);
    }
    const held = consumer;
    held.held = true;
    return () => {
      held.held = false;
      this.pump(held);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const consumer of this.consumers.values()) {
      consumer.handler = null;
      for (const timer of consumer.timers) clearTimeout(timer);
    }
  }

  private pump(consumer: DurableConsumer): void {
    while (
      !consumer.held &&
      consumer.handler &&
      !this.closed &&
      consumer.inFlight.size < consumer.concurrency
    ) {
      // The first waiting message whose correlation key is not being handled (keeps per-key order).
      const index = consumer.queue.findIndex((e) => !consumer.inFlight.has(keyOf(e.message)));
      if (index < 0) return;
      const entry = consumer.queue.splice(index, 1)[0]!;
      const key = keyOf(entry.message);
      consumer.inFlight.add(key);
      const handler = consumer.handler;
      // Deliver on a later turn: a publisher never runs its consumers inside its own call stack.
      setImmediate(() => {
        handler(entry.message)
          .catch((error: unknown) => {
            const attempt = entry.attempt + 1;
            this.options.onError?.(error, entry.message, attempt);
            if (attempt >= this.maxDeliver) return;
            const delay = Math.min(2000, this.redeliveryDelayMs * 2 ** (attempt - 1));
            const timer = setTimeout(() => {
              consumer.timers.delete(timer);
              consumer.queue.push({ message: entry.message, attempt });
              this.pump(consumer);
            }, delay);
            consumer.timers.add(timer);
          })
          .finally(() => {
            consumer.inFlight.delete(key);
            this.pump(consumer);
          });
      });
    }
  }
}

/** Messages of one business flow share a key; messages without one are independent. */
function keyOf(message: AnyEnvelope): string {
  return message.correlationId ?? message.id;
}
