import { createMessage, type Envelope } from '@simplebank/events';
import type { Database, Queryable } from '@simplebank/service-kit';

export interface PaymentRow {
  id: string;
  account_id: string;
  amount_minor: number;
  method: 'deposit' | 'cash';
  status: 'pending' | 'completed' | 'failed';
  reason: string | null;
  reference: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export function paymentDto(p: PaymentRow) {
  return {
    id: p.id,
    accountId: p.account_id,
    amountMinor: p.amount_minor,
    method: p.method,
    status: p.status,
    reason: p.reason,
    reference: p.reference,
    createdAt: p.created_at.toISOString(),
    completedAt: p.completed_at ? p.completed_at.toISOString() : null,
  };
}

export async function insertPayment(
  tx: Queryable,
  p: {
    id: string;
    accountId: string;
    amountMinor: number;
    method: 'deposit' | 'cash';
    reference: string | null;
    idempotencyKey: string;
    requestHash: string | null;
    depositDelayMs: number;
  },
): Promise<{ kind: 'created' | 'existing'; row: PaymentRow } | { kind: 'unknown-account' }> {
  const [existing] = await tx.query<PaymentRow & Record<string, unknown>>(
    'SELECT * FROM payments WHERE idempotency_key = $1 OR id = $2',
    [p.idempotencyKey, p.id],
  );
  if (existing) return { kind: 'existing', row: existing };
  const [account] = await tx.query('SELECT id FROM accounts WHERE id = $1', [p.accountId]);
  if (!account) return { kind: 'unknown-account' };
  const [row] = await tx.query<PaymentRow & Record<string, unknown>>(
    `INSERT INTO payments (id, account_id, amount_minor, method, status, reference, idempotency_key, request_hash, complete_after)
     VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8) RETURNING *`,
    [
      p.id,
      p.accountId,
      p.amountMinor,
      p.method,
      p.reference,
      p.idempotencyKey,
      p.requestHash,
      new Date(Date.now() + (p.method === 'deposit' ? p.depositDelayMs : 0)),
    ],
  );
  return { kind: 'created', row: row! };
}

export async function failPayment(
  tx: Queryable,
  paymentId: string,
  p: { accountId: string; amountMinor: number; reference: string | null },
  reason: string,
  unrecorded = false,
): Promise<Envelope> {
  if (!unrecorded) {
    await tx.query(`UPDATE payments SET status = 'failed', reason = $2, completed_at = now() WHERE id = $1`, [
      paymentId,
      reason,
    ]);
  }
  return createMessage(
    'evt.accounts.PaymentFailed',
    { paymentId, accountId: p.accountId, amountMinor: p.amountMinor, reason, reference: p.reference },
    { source: 'accounts', correlationId: p.reference },
  );
}

/**
 * Completes a pending payment: a deposit credits the account; a cash payment confirms that the
 * account has the amount available (the orders it funds then reserve it).
 */
export async function completePayment(tx: Queryable, paymentId: string): Promise<Envelope> {
  const [p] = await tx.query<PaymentRow & Record<string, unknown>>(
    'SELECT * FROM payments WHERE id = $1 FOR UPDATE',
    [paymentId],
  );
  if (!p) throw new Error(`payment ${paymentId} does not exist`);
  const facts = { accountId: p.account_id, amountMinor: p.amount_minor, reference: p.reference };
  if (p.status === 'failed') return failPayment(tx, p.id, facts, p.reason ?? 'FAILED', true);
  if (p.status === 'pending') {
    if (p.method === 'deposit') {
      await tx.query(
        'UPDATE accounts SET cash_available_minor = cash_available_minor + $2, version = version + 1 WHERE id = $1',
        [p.account_id, p.amount_minor],
      );
      await tx.query(
        `INSERT INTO ledger (account_id, kind, amount_minor, reference) VALUES ($1, 'deposit', $2, $3)`,
        [p.account_id, p.amount_minor, p.id],
      );
    } else {
      const [account] = await tx.query<{ cash_available_minor: number }>(
        'SELECT cash_available_minor FROM accounts WHERE id = $1',
        [p.account_id],
      );
      if (!account || account.cash_available_minor < p.amount_minor)
        return failPayment(tx, p.id, facts, 'INSUFFICIENT_CASH');
    }
    await tx.query(`UPDATE payments SET status = 'completed', completed_at = now() WHERE id = $1`, [p.id]);
  }
  return createMessage(
    'evt.accounts.PaymentCompleted',
    {
      paymentId: p.id,
      accountId: p.account_id,
      amountMinor: p.amount_minor,
      method: p.method,
      reference: p.reference,
    },
    { source: 'accounts', correlationId: p.reference },
  );
}

/** Completes deposits whose delay has passed (a timer, so it also survives restarts). */
export class DepositWorker {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly enqueue: (tx: Queryable, messages: Envelope[]) => Promise<void>,
    private readonly afterCommit: () => void,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.busy = this.busy.then(() => this.pass()).catch(() => undefined);
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }

  async pass(): Promise<void> {
    const due = await this.db.query<{ id: string }>(
      `SELECT id FROM payments WHERE status = 'pending' AND complete_after <= now() ORDER BY complete_after LIMIT 50`,
    );
    for (const { id } of due) {
      await this.db.transaction(async (tx) => this.enqueue(tx, [await completePayment(tx, id)]));
    }
    if (due.length > 0) this.afterCommit();
  }
}
