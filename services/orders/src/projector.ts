import { createMessage, type Envelope, type OrderSnapshot, type OrderView } from '@simplebank/events';
import {
  inMessageSpan,
  tracingEnabled,
  type Database,
  type Logger,
  type Queryable,
  type Worker,
} from '@simplebank/service-kit';

/**
 * The trace context each order event was written with: the event's own message, kept in the
 * outbox (same id), carries it. Read only while tracing is on.
 */
async function traceContextsOf(
  tx: Queryable,
  eventIds: string[],
): Promise<Map<string, Record<string, string>>> {
  if (!tracingEnabled()) return new Map();
  const rows = await tx.query<{ id: string; trace: Record<string, string> | null }>(
    `SELECT id, message->'traceContext' AS trace FROM outbox WHERE id = ANY($1::text[])`,
    [eventIds],
  );
  return new Map(rows.filter((r) => r.trace).map((r) => [r.id, r.trace!]));
}

export interface ReadModelStatus {
  lagMs: number;
  eventsBehind: number;
  secondsBehind: number;
  lastProjectedAt: string | null;
}

/**
 * Unprojected events this instance was not told about (written by another instance that died,
 * or before a restart) are looked for this often: on PostgreSQL, which other instances share;
 * PGlite belongs to this process, whose writes all announce themselves.
 */
const SWEEP_MS = { postgres: 1000, pglite: 10_000 };

/**
 * Builds the order views from the order events, each event no sooner than `lagMs` after it
 * happened, so the read model lags behind the commands as a real CQRS read side does. A view only
 * moves forward (a higher version replaces a lower one), and each projection announces
 * OrderViewUpdated (written to the outbox in the same transaction).
 *
 * Each event is projected when it falls due rather than at the next poll: the write side calls
 * `eventsWritten()` after each commit, and after each pass the projector sets its timer for the
 * oldest event still waiting. A slow sweep catches events no one announced.
 */
export class OrderProjector implements Worker {
  private dueTimer: NodeJS.Timeout | null = null;
  private dueAt = Number.POSITIVE_INFINITY;
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private passRequested = false;
  private stopped = false;
  private lastProjectedAt: Date | null = null;

  constructor(
    private readonly db: Database,
    private readonly lagMs: number,
    private readonly afterCommit: () => void,
    private readonly logger: Logger,
    private readonly sweepMs = SWEEP_MS[db.kind],
  ) {}

  start(): void {
    this.sweep = setInterval(() => this.project(), this.sweepMs);
    this.project();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    await this.running;
  }

  /** Resolves once the pass in progress, if any, is over. */
  settled(): Promise<void> {
    return this.running;
  }

  /** Order events were just committed: project them when they fall due. */
  eventsWritten(): void {
    this.wakeAt(Date.now() + this.lagMs);
  }

  private wakeAt(at: number): void {
    if (this.stopped || at >= this.dueAt) return;
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueAt = at;
    this.dueTimer = setTimeout(
      () => {
        this.dueTimer = null;
        this.dueAt = Number.POSITIVE_INFINITY;
        // Something fell due (it was announced, or found waiting): no need to look first.
        this.project(false);
      },
      Math.max(0, at - Date.now()),
    );
  }

  /** lookFirst: check with one statement whether anything is due before opening a transaction. */
  private project(lookFirst = true): void {
    if (this.stopped) return;
    if (this.busy) {
      this.passRequested = true;
      return;
    }
    this.busy = true;
    this.running = this.projectDue(lookFirst)
      .then(({ applied, oldestWaiting }) => {
        if (applied > 0) this.afterCommit();
        if (oldestWaiting === undefined) return this.wakeForOldestWaiting();
        if (oldestWaiting) this.wakeAt(oldestWaiting.getTime() + this.lagMs);
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'projection failed'))
      .finally(() => {
        this.busy = false;
        if (this.passRequested) {
          this.passRequested = false;
          this.project();
        }
      });
  }

  private async wakeForOldestWaiting(): Promise<void> {
    const [row] = await this.db.query<{ oldest: Date | null }>(
      'SELECT min(occurred_at) AS oldest FROM order_events WHERE projected_at IS NULL',
    );
    if (row?.oldest) this.wakeAt(row.oldest.getTime() + this.lagMs);
  }

  /** Projects the events that are old enough; returns how many were applied. */
  async pass(): Promise<number> {
    return (await this.projectDue(true)).applied;
  }

  /**
   * Projects the events that are old enough. Also says when the oldest event still waiting
   * happened (null: none waits; undefined: not known, ask), found in the statements the pass runs
   * anyway rather than by one more.
   */
  private async projectDue(
    lookFirst: boolean,
  ): Promise<{ applied: number; oldestWaiting: Date | null | undefined }> {
    const cutoff = new Date(Date.now() - this.lagMs);
    if (lookFirst) {
      const [row] = await this.db.query<{ oldest: Date | null }>(
        'SELECT min(occurred_at) AS oldest FROM order_events WHERE projected_at IS NULL',
      );
      const oldest = row?.oldest ?? null;
      if (!oldest || oldest > cutoff) return { applied: 0, oldestWaiting: oldest };
    }
    return this.db.transaction(async (tx) => {
      const events = await tx.query<{ seq: number; event_id: string; type: string; snapshot: OrderSnapshot }>(
        'SELECT seq, event_id, type, snapshot FROM order_events WHERE projected_at IS NULL AND occurred_at <= $1 ORDER BY seq LIMIT 200 FOR UPDATE SKIP LOCKED',
        [cutoff],
      );
      if (events.length === 0) return { applied: 0, oldestWaiting: undefined };
      const now = new Date();
      const traces = await traceContextsOf(
        tx,
        events.map((e) => e.event_id),
      );
      // Every event's view and announcement, built here; the statement below keeps those that apply.
      const views: OrderView[] = [];
      const announcements: Envelope[] = [];
      for (const { snapshot, event_id, type } of events) {
        // Each projection continues the trace of the order event it applies (tracing on), and its
        // announcement carries that trace on.
        await inMessageSpan(
          `project ${type}`,
          'orders',
          { id: event_id, type, traceContext: traces.get(event_id) ?? null },
          async () => {
            const view: OrderView = { ...snapshot, projectedAt: now.toISOString() };
            views.push(view);
            announcements.push(
              createMessage(
                'evt.orders.OrderViewUpdated',
                { view },
                { source: 'orders', correlationId: view.id },
              ),
            );
          },
        );
      }
      // Newest event of each order in this batch (one row may be upserted once per statement).
      const newest = new Map<string, OrderView>();
      for (const view of views)
        if ((newest.get(view.id)?.version ?? 0) < view.version) newest.set(view.id, view);
      const upserts = [...newest.values()];
      // One statement: each order's view moves to its newest version here if that is newer than
      // what is stored; each event newer than the stored view is announced (in event order) if its
      // order's view moved; the events are marked projected; and the oldest event still waiting
      // comes back (the statement's snapshot still shows the rows it marks: they are left out).
      const [next] = await tx.query<{ oldest: Date | null }>(
        `WITH old AS (
           SELECT id, version FROM order_views WHERE id = ANY($1::text[])
         ), v AS (
           INSERT INTO order_views (id, account_id, asset_id, status, version, created_at, view, projected_at)
           SELECT u.id, u.account_id, u.asset_id, u.status, u.version, u.created_at, u.view::jsonb, $7
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $8::text[])
             AS u(id, account_id, asset_id, status, version, created_at, view)
           ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, view = EXCLUDED.view, projected_at = EXCLUDED.projected_at
           WHERE order_views.version < EXCLUDED.version
           RETURNING id
         ), ob AS (
           INSERT INTO outbox (id, type, message)
           SELECT m.id, 'evt.orders.OrderViewUpdated', m.message::jsonb
           FROM unnest($9::text[], $10::text[], $11::text[], $12::int[]) WITH ORDINALITY AS m(id, message, view_id, version, n)
           JOIN v ON v.id = m.view_id
           LEFT JOIN old ON old.id = m.view_id
           WHERE m.version > coalesce(old.version, 0)
           ORDER BY m.n
           RETURNING 1
         ), done AS (
           UPDATE order_events SET projected_at = $7 WHERE seq = ANY($13::bigint[]) RETURNING seq
         )
         SELECT min(occurred_at) AS oldest FROM order_events
         WHERE projected_at IS NULL AND seq NOT IN (SELECT seq FROM done)`,
        [
          upserts.map((v) => v.id),
          upserts.map((v) => v.accountId),
          upserts.map((v) => v.assetId),
          upserts.map((v) => v.status),
          upserts.map((v) => v.version),
          upserts.map((v) => new Date(v.createdAt)),
          now,
          upserts.map((v) => JSON.stringify(v)),
          announcements.map((m) => m.id),
          announcements.map((m) => JSON.stringify(m)),
          views.map((v) => v.id),
          views.map((v) => v.version),
          events.map((e) => e.seq),
        ],
      );
      this.lastProjectedAt = now;
      return { applied: events.length, oldestWaiting: next?.oldest ?? null };
    });
  }

  async status(): Promise<ReadModelStatus> {
    const [row] = await this.db.query<{ behind: number; oldest: Date | null }>(
      'SELECT count(*)::int AS behind, min(occurred_at) AS oldest FROM order_events WHERE projected_at IS NULL',
    );
    const oldest = row?.oldest ?? null;
    return {
      lagMs: this.lagMs,
      eventsBehind: row?.behind ?? 0,
      secondsBehind: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0,
      lastProjectedAt: this.lastProjectedAt ? this.lastProjectedAt.toISOString() : null,
    };
  }
}
