import { createMessage, type Envelope, type OrderSnapshot, type OrderView } from '@simplebank/events';
import {
  enqueueMessages,
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
 * or before a restart) are looked for this often.
 */
const SWEEP_MS = 1000;

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
    private readonly sweepMs = SWEEP_MS,
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
        this.project();
      },
      Math.max(0, at - Date.now()),
    );
  }

  private project(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.passRequested = true;
      return;
    }
    this.busy = true;
    this.running = this.pass()
      .then((n) => {
        if (n > 0) this.afterCommit();
        return this.wakeForOldestWaiting();
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
    const cutoff = new Date(Date.now() - this.lagMs);
    const due = await this.db.query(
      'SELECT 1 FROM order_events WHERE projected_at IS NULL AND occurred_at <= $1 LIMIT 1',
      [cutoff],
    );
    if (due.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      const events = await tx.query<{ seq: number; event_id: string; type: string; snapshot: OrderSnapshot }>(
        'SELECT seq, event_id, type, snapshot FROM order_events WHERE projected_at IS NULL AND occurred_at <= $1 ORDER BY seq LIMIT 200 FOR UPDATE SKIP LOCKED',
        [cutoff],
      );
      if (events.length === 0) return 0;
      const now = new Date();
      const announcements: Envelope[] = [];
      const traces = await traceContextsOf(
        tx,
        events.map((e) => e.event_id),
      );
      for (const { snapshot, event_id, type } of events) {
        // Each projection continues the trace of the order event it applies (tracing on).
        await inMessageSpan(
          `project ${type}`,
          'orders',
          { id: event_id, type, traceContext: traces.get(event_id) ?? null },
          async () => {
            const view: OrderView = { ...snapshot, projectedAt: now.toISOString() };
            const applied = await tx.query(
              `INSERT INTO order_views (id, account_id, asset_id, status, version, created_at, view, projected_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
           ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, view = EXCLUDED.view, projected_at = EXCLUDED.projected_at
           WHERE order_views.version < EXCLUDED.version
           RETURNING id`,
              [
                view.id,
                view.accountId,
                view.assetId,
                view.status,
                view.version,
                new Date(view.createdAt),
                JSON.stringify(view),
                now,
              ],
            );
            if (applied.length > 0) {
              announcements.push(
                createMessage(
                  'evt.orders.OrderViewUpdated',
                  { view },
                  { source: 'orders', correlationId: view.id },
                ),
              );
            }
          },
        );
      }
      await tx.query('UPDATE order_events SET projected_at = $2 WHERE seq = ANY($1::bigint[])', [
        events.map((e) => e.seq),
        now,
      ]);
      await enqueueMessages(tx, announcements);
      this.lastProjectedAt = now;
      return events.length;
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
