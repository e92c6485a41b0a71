import type { Envelope, EventBackbone } from '@simplebank/events';
import type { Database, Queryable } from './database.ts';
import type { Logger } from './logger.ts';

/**
 * Writes messages in the caller's transaction, so they exist if and only if the change commits.
 * One statement for any number of messages (their order is kept: seq follows the array).
 */
export async function enqueueMessages(tx: Queryable, messages: Envelope[]): Promise<void> {
  if (messages.length === 0) return;
  if (messages.length === 1) {
    const [message] = messages as [Envelope];
    await tx.query('INSERT INTO outbox (id, type, message) VALUES ($1, $2, $3::jsonb)', [
      message.id,
      message.type,
      JSON.stringify(message),
    ]);
    return;
  }
  await tx.query(
    `INSERT INTO outbox (id, type, message)
     SELECT id, type, message::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS m(id, type, message, n) ORDER BY n`,
    [messages.map((m) => m.id), messages.map((m) => m.type), messages.map((m) => JSON.stringify(m))],
  );
}

interface Published {
  done: number;
  failure: PromiseRejectedResult | null;
}

type OutboxRow = { seq: number; message: Envelope };

export interface OutboxRelayOptions {
  db: Database;
  bus: EventBackbone;
  logger: Logger;
  /**
   * Sweep interval: a pass runs after each nudge, and this long after the last pass in case a row
   * was written without one (or by an instance that died). Default 1 s on PostgreSQL, which other
   * instances share; 10 s on PGlite, which only this process writes and which nudges after each commit.
   */
  idleMs?: number;
  batchSize?: number;
  /** Published rows older than this are deleted. */
  retainMs?: number;
}

// Rows claimed and marked by one statement, returned for publishing. The inner SELECT takes the
// oldest unpublished rows; SKIP LOCKED lets several instances relay side by side without doubling up.
const CLAIM = `UPDATE outbox SET published_at = now()
  WHERE seq IN (SELECT seq FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING seq, message`;
const UNMARK = 'UPDATE outbox SET published_at = NULL WHERE seq = ANY($1::bigint[])';

/**
 * Publishes committed outbox rows in order and marks them published. Delivery is at least once
 * (a row is marked only if its publish was acknowledged, or the mark is undone), and consumers
 * deduplicate.
 *
 * Statements per pass, by shape:
 * - in-process backbone (the embedded shape): one. The claim marks the rows; a failed publish
 *   unmarks the rows from the failure on. The backbone lives in this process's memory, so a crash
 *   between claim and publish loses nothing that a crash just after the publish would not lose too.
 * - PostgreSQL with a durable backbone: claim, publish and undo the failed marks inside one
 *   transaction (BEGIN, claim, COMMIT): a crash before COMMIT rolls the marks back.
 * - PGlite with a durable backbone: read, publish, then mark; no transaction, which on PGlite
 *   would hold the one connection while waiting for the acknowledgements.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private failures = 0;
  private lastPurge = 0;
  private idle: Promise<void> = Promise.resolve();
  /** Rows this relay has claimed (marked) and not yet seen acknowledged: still unpublished. */
  private inFlight = 0;

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

  /** Unpublished rows, those being published included (for readiness and tests). */
  async backlog(): Promise<number> {
    const inFlight = this.inFlight;
    const rows = await this.options.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    return (rows[0]?.n ?? 0) + Math.max(inFlight, this.inFlight);
  }

  private async pass(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    let finish!: () => void;
    this.idle = new Promise((resolve) => (finish = resolve));
    let delay = this.options.idleMs ?? (this.options.db.kind === 'postgres' ? 1000 : 10_000);
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
    const { db, bus } = this.options;
    const limit = this.options.batchSize ?? 100;
    let outcome: Published;
    if (bus.kind === 'in-process') {
      const rows = await db.query<OutboxRow>(CLAIM, [limit]);
      this.inFlight = rows.length;
      try {
        outcome = await this.publishRows(rows);
        if (outcome.failure)
          await db.query(UNMARK, [
            inOrder(rows)
              .slice(outcome.done)
              .map((r) => r.seq),
          ]);
      } finally {
        this.inFlight = 0;
      }
    } else if (db.kind === 'postgres') {
      outcome = await db.transaction(async (tx) => {
        const rows = await tx.query<OutboxRow>(CLAIM, [limit]);
        const published = await this.publishRows(rows);
        if (published.failure)
          await tx.query(UNMARK, [
            inOrder(rows)
              .slice(published.done)
              .map((r) => r.seq),
          ]);
        return published;
      });
    } else {
      const rows = await db.query<OutboxRow>(
        'SELECT seq, message FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1',
        [limit],
      );
      outcome = await this.publishRows(rows);
      if (outcome.done > 0)
        await db.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
          rows.slice(0, outcome.done).map((r) => r.seq),
        ]);
    }
    // Thrown once the marks are committed, so the rows published before the failure stay marked.
    if (outcome.failure) throw outcome.failure.reason;
    return outcome.done;
  }

  /**
   * Publishes rows in order without waiting for each acknowledgement (they are sent in order, and
   * acknowledged together). `done`: how many, from the first, were acknowledged before the first
   * failure. Rows after a failure may have been stored too; they go again, and the backbone's
   * message-id deduplication and the consumers' inbox keep them from counting twice.
   */
  private async publishRows(rows: OutboxRow[]): Promise<Published> {
    const acks = await Promise.allSettled(inOrder(rows).map((row) => this.options.bus.publish(row.message)));
    const firstFailure = acks.findIndex((ack) => ack.status === 'rejected');
    return {
      done: firstFailure === -1 ? rows.length : firstFailure,
      failure: firstFailure === -1 ? null : (acks[firstFailure] as PromiseRejectedResult),
    };
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

/** An UPDATE's RETURNING has no order: rows go out in the order they were written. */
function inOrder(rows: OutboxRow[]): OutboxRow[] {
  return rows.sort((a, b) => a.seq - b.seq);
}
