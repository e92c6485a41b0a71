import type { Envelope, EventBackbone } from '@simplebank/events';
import type { Database, Queryable } from './database.ts';
import type { Logger } from './logger.ts';

/** Writes messages in the caller's transaction, so they exist if and only if the change commits. */
export async function enqueueMessages(tx: Queryable, messages: Envelope[]): Promise<void> {
  for (const message of messages) {
    await tx.query('INSERT INTO outbox (id, type, message) VALUES ($1, $2, $3::jsonb)', [
      message.id,
      message.type,
      JSON.stringify(message),
    ]);
  }
}

interface Published {
  done: number;
  failure: PromiseRejectedResult | null;
}

export interface OutboxRelayOptions {
  db: Database;
  bus: EventBackbone;
  logger: Logger;
  /** Poll interval when nothing nudges the relay (another instance may have written rows); default 1 s. */
  idleMs?: number;
  batchSize?: number;
  /** Published rows older than this are deleted. */
  retainMs?: number;
}

/**
 * Publishes committed outbox rows in order and marks them published. A crash between publishing
 * and marking publishes a row again: delivery is at least once, and consumers deduplicate.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private failures = 0;
  private lastPurge = 0;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.nudge();
  }

  /** Asks for a publish pass soon (call after committing a transaction that wrote messages). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    // A few milliseconds of grace: messages committed together go out in one pass.
    this.timer = setTimeout(() => void this.pass(), 3);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle;
  }

  /** Unpublished rows (for readiness and tests). */
  async backlog(): Promise<number> {
    const rows = await this.options.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    return rows[0]?.n ?? 0;
  }

  private async pass(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    let finish!: () => void;
    this.idle = new Promise((resolve) => (finish = resolve));
    let delay = this.options.idleMs ?? 1000;
    try {
      const published = await this.publishBatch();
      this.failures = 0;
      if (published === (this.options.batchSize ?? 100)) delay = 0;
      await this.purge();
    } catch (error) {
      this.failures++;
      delay = Math.min(5000, 100 * 2 ** Math.min(this.failures, 6));
      if (!this.stopped)
        this.options.logger.warn({ err: error, failures: this.failures }, 'outbox relay pass failed');
    } finally {
      this.running = false;
      finish();
    }
    if (this.again) {
      this.again = false;
      delay = 0;
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.pass(), delay);
  }

  private async publishBatch(): Promise<number> {
    const { db } = this.options;
    const limit = this.options.batchSize ?? 100;
    let outcome: Published;
    if (db.kind === 'pglite') {
      // PGlite belongs to one process, so no other relay competes for the rows: read, publish,
      // mark (two statements instead of a locking transaction, which matters on its slow path).
      const rows = await db.query<{ seq: number; message: Envelope }>(
        'SELECT seq, message FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1',
        [limit],
      );
      outcome = await this.publishRows(rows, db);
    } else {
      outcome = await db.transaction(async (tx) => {
        // SKIP LOCKED: several instances of one service relay side by side without doubling up.
        const rows = await tx.query<{ seq: number; message: Envelope }>(
          'SELECT seq, message FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
          [limit],
        );
        return this.publishRows(rows, tx);
      });
    }
    // Thrown once the marks are committed, so the rows published before the failure stay marked.
    if (outcome.failure) throw outcome.failure.reason;
    return outcome.done;
  }

  /**
   * Publishes rows in order without waiting for each acknowledgement (they are sent in order, and
   * acknowledged together), then marks those published: all of them, or the ones before the first
   * failure. Rows after a failure may have been stored too; they go again, and the backbone's
   * message-id deduplication and the consumers' inbox keep them from counting twice.
   */
  private async publishRows(rows: { seq: number; message: Envelope }[], db: Queryable): Promise<Published> {
    const acks = await Promise.allSettled(rows.map((row) => this.options.bus.publish(row.message)));
    const firstFailure = acks.findIndex((ack) => ack.status === 'rejected');
    const done = firstFailure === -1 ? rows.length : firstFailure;
    if (done > 0)
      await db.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
        rows.slice(0, done).map((r) => r.seq),
      ]);
    return { done, failure: firstFailure === -1 ? null : (acks[firstFailure] as PromiseRejectedResult) };
  }

  private async purge(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    const retainMs = this.options.retainMs ?? 24 * 3600 * 1000;
    await this.options.db.query('DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1', [
      new Date(now - retainMs),
    ]);
  }
}
