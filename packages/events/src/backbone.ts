import type { AnyEnvelope, Envelope } from './envelope.ts';

export type MessageHandler = (message: AnyEnvelope) => Promise<void>;

export interface SubscribeOptions {
  /**
   * Durable consumer name (one per service and purpose, e.g. `orders-saga`). Messages that match
   * while the consumer is detached are kept and delivered when it subscribes again.
   */
  consumer: string;
  /** Subject filters over message types, NATS style: `evt.accounts.>`, `cmd.market.*`. */
  subjects: string[];
  handler: MessageHandler;
  /**
   * 'all' (default): a consumer created now also receives the messages the backbone still retains.
   * 'new': only messages published from now on (price ticks and similar).
   */
  startAt?: 'all' | 'new';
  /**
   * Messages handled at once (default 1). Above 1, messages with the same correlation id (one
   * order, one investment) are still handled one after the other, in order.
   */
  concurrency?: number;
  /**
   * Every subscriber gets every message (each instance of a service keeps its own cache of price
   * ticks, say), instead of the instances sharing the work of one durable consumer. Nothing is
   * kept while detached and a failed handler is not retried: only for messages a later one
   * supersedes. `consumer` then only names the subscription.
   */
  everyInstance?: boolean;
}

export interface Subscription {
  /** Detaches the handler. The durable consumer (and what it has not yet acknowledged) stays. */
  unsubscribe(): Promise<void>;
}

/**
 * The event backbone. Delivery is at least once: a message whose handler throws is delivered
 * again later, so handlers must be idempotent (consumers deduplicate by message id).
 */
export interface EventBackbone {
  readonly kind: 'in-process' | 'nats';
  publish(message: Envelope): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** True when the backbone can take messages (for readiness checks). */
  isHealthy(): boolean;
  close(): Promise<void>;
}
