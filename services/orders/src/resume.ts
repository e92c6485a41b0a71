import { enqueueMessages, type Database, type Logger, type Worker } from '@simplebank/service-kit';
import { orderFromRow, type OrderRow } from './model.ts';
import { commandsToResume } from './saga.ts';

/**
 * Keeps sagas moving: at start it sends again the pending command of every unfinished saga (the
 * service may have stopped mid-saga), and then periodically for sagas stuck at a step for longer
 * than `stuckAfterMs` (a message lost on the way). Receivers are idempotent, so this is safe.
 */
export class SagaResumer implements Worker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly afterCommit: () => void,
    private readonly logger: Logger,
    private readonly stuckAfterMs: number,
    private readonly checkEveryMs: number,
  ) {}

  async start(): Promise<void> {
    const resumed = await this.resend(0, true);
    if (resumed > 0) this.logger.info({ resumed }, 'resumed unfinished sagas');
    this.timer = setInterval(() => {
      this.running = this.resend(this.stuckAfterMs, false).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'saga retry failed'),
      );
    }, this.checkEveryMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends the current step again for sagas idle for at least olderThanMs; returns how many. */
  async resend(olderThanMs: number, includeWaitingAtMarket: boolean): Promise<number> {
    const count = await this.db.transaction(async (tx) => {
      const rows = await tx.query<OrderRow & Record<string, unknown>>(
        `SELECT * FROM orders WHERE saga_step <> 'done' AND saga_updated_at <= $1 ${includeWaitingAtMarket ? '' : `AND saga_step <> 'placed'`}
         ORDER BY saga_updated_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [new Date(Date.now() - olderThanMs)],
      );
      for (const row of rows) {
        const order = orderFromRow(row);
        await enqueueMessages(tx, commandsToResume(order));
        await tx.query('UPDATE orders SET saga_updated_at = now() WHERE id = $1', [order.id]);
        await tx.query('INSERT INTO saga_log (order_id, step, detail) VALUES ($1, $2, $3::jsonb)', [
          order.id,
          `resent ${order.sagaStep} command`,
          JSON.stringify({ reason: includeWaitingAtMarket ? 'resume after start' : 'no reply in time' }),
        ]);
      }
      return rows.length;
    });
    if (count > 0) this.afterCommit();
    return count;
  }
}
