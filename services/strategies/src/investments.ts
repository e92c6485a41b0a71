import { createHash, randomUUID } from 'node:crypto';
import { createMessage, type AnyEnvelope, type OrderSnapshot } from '@simplebank/events';
import { minorToMoney } from '@simplebank/money';
import { investmentOutcome, isFinalOrderStatus } from '@simplebank/openapi';
import {
  ApiError,
  conflict,
  enqueueMessages,
  notFound,
  unprocessable,
  type Database,
  type Logger,
  type ServiceTokenSigner,
  type Queryable,
  type Worker,
} from '@simplebank/service-kit';
import { minimumInvestmentFor, splitAmount, type InvestmentRules } from './rules.ts';
import { investmentEvent, type InvestmentOrder, type InvestmentRow, type StrategyRow } from './store.ts';

const money = minorToMoney;

/**
 * Refuses an amount below the minimum investment, or whose split would give an allocation an order
 * below the minimum order value (its fee would then be more than 2% of it), saying what is needed.
 */
function checkMinimum(strategy: StrategyRow, amountMinor: number, rules: InvestmentRules): void {
  const parts = splitAmount(amountMinor, strategy.allocations);
  const smallest = parts.reduce((a, b) => (b.amountMinor < a.amountMinor ? b : a));
  const perOrder = Math.max(1, rules.minimumOrderValueMinor);
  if (amountMinor >= rules.minimumInvestmentMinor && smallest.amountMinor >= perOrder) return;
  const minimum = minimumInvestmentFor(strategy.allocations, rules);
  const reason =
    amountMinor < rules.minimumInvestmentMinor
      ? `the minimum investment is ${money(rules.minimumInvestmentMinor)}; this strategy needs at least ${money(minimum)}`
      : `the order for ${smallest.assetId} would be ${money(smallest.amountMinor)}, below the minimum order value of ${money(rules.minimumOrderValueMinor)}; this strategy needs at least ${money(minimum)}`;
  throw new ApiError(422, 'INVESTMENT_BELOW_MINIMUM', reason, [{ field: 'amountMinor', reason }], {
    minimumInvestmentMinor: minimum,
  });
}

async function lockInvestment(tx: Queryable, id: string): Promise<InvestmentRow | undefined> {
  const rows = await tx.query<InvestmentRow & Record<string, unknown>>(
    'SELECT * FROM investments WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0];
}

async function saveInvestment(
  tx: Queryable,
  i: InvestmentRow,
  eventType: Parameters<typeof investmentEvent>[0],
): Promise<InvestmentRow> {
  const [row] = await tx.query<InvestmentRow & Record<string, unknown>>(
    `UPDATE investments SET status = $2, failure_reason = $3, orders = $4::jsonb, payment_id = $5, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
    [i.id, i.status, i.failure_reason, JSON.stringify(i.orders), i.payment_id],
  );
  await enqueueMessages(tx, [investmentEvent(eventType, row!)]);
  return row!;
}

/** Accepts an investment: recorded as pending, with the payment asked for in the same transaction. */
export async function createInvestment(
  db: Database,
  strategyId: string,
  body: { accountId: string; amountMinor: number; funding?: 'cash' | 'deposit' },
  idempotencyKey: string,
  requestedBy: string | null,
  rules: InvestmentRules,
): Promise<{ investment: InvestmentRow; created: boolean }> {
  const funding = body.funding ?? 'cash';
  const hash = createHash('sha256')
    .update(JSON.stringify([strategyId, body.accountId, body.amountMinor, funding]))
    .digest('hex');
  return db.transaction(async (tx) => {
    const [earlier] = await tx.query<InvestmentRow & Record<string, unknown>>(
      'SELECT * FROM investments WHERE idempotency_key = $1',
      [idempotencyKey],
    );
    if (earlier) {
      if (earlier.request_hash !== hash)
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another investment');
      return { investment: earlier, created: false };
    }
    const [strategy] = await tx.query<StrategyRow & Record<string, unknown>>(
      'SELECT * FROM strategies WHERE id = $1',
      [strategyId],
    );
    if (!strategy) throw notFound('strategy', strategyId);
    if (strategy.status !== 'published')
      throw unprocessable('STRATEGY_NOT_PUBLISHED', `strategy ${strategyId} is ${strategy.status}`);
    checkMinimum(strategy, body.amountMinor, rules);
    const parts = splitAmount(body.amountMinor, strategy.allocations);
    const id = `inv-${randomUUID()}`;
    const paymentId = `pay-${id}`;
    const orders: InvestmentOrder[] = parts.map((p) => ({
      ...p,
      orderId: null,
      status: 'planned',
      reason: null,
    }));
    const [row] = await tx.query<InvestmentRow & Record<string, unknown>>(
      `INSERT INTO investments (id, strategy_id, account_id, amount_minor, funding, payment_id, status, orders, idempotency_key, request_hash, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7::jsonb, $8, $9, $10) RETURNING *`,
      [
        id,
        strategyId,
        body.accountId,
        body.amountMinor,
        funding,
        paymentId,
        JSON.stringify(orders),
        idempotencyKey,
        hash,
        requestedBy,
      ],
    );
    await enqueueMessages(tx, [
      investmentEvent('evt.strategies.InvestmentRequested', row!),
      createMessage(
        'cmd.accounts.RequestPayment',
        {
          paymentId,
          accountId: body.accountId,
          amountMinor: body.amountMinor,
          method: funding,
          reference: id,
        },
        { source: 'strategies', correlationId: id },
      ),
    ]);
    return { investment: row!, created: true };
  });
}

/** Derives an investment's status from its orders once they are all final. */
function settleStatus(i: InvestmentRow): InvestmentRow['status'] {
  const outcome = investmentOutcome(i.orders.map((o) => o.status));
  // This service's own spelling of the contract's partially_completed (services/strategies/src/store.ts).
  return outcome === null ? i.status : outcome === 'partially_completed' ? 'partially completed' : outcome;
}

function finalEvent(i: InvestmentRow) {
  if (i.status === 'completed' || i.status === 'partially completed')
    return 'evt.strategies.InvestmentCompleted' as const;
  if (i.status === 'failed') return 'evt.strategies.InvestmentFailed' as const;
  return 'evt.strategies.InvestmentUpdated' as const;
}

/** Whether a message can change an investment (most order events are customers' own orders). */
export function concernsInvestments(message: AnyEnvelope): boolean {
  if (message.type === 'evt.accounts.PaymentCompleted' || message.type === 'evt.accounts.PaymentFailed')
    return message.data.reference?.startsWith('inv-') ?? false;
  if (!message.type.startsWith('evt.orders.') || message.type === 'evt.orders.OrderViewUpdated') return false;
  return (message.data as { order: OrderSnapshot }).order.source.kind === 'strategy';
}

/** Applies a payment or order event to the investment it concerns (in the caller's transaction). */
export async function applyInvestmentEvent(tx: Queryable, message: AnyEnvelope): Promise<void> {
  if (message.type === 'evt.accounts.PaymentCompleted' || message.type === 'evt.accounts.PaymentFailed') {
    const reference = message.data.reference;
    if (!reference) return;
    const i = await lockInvestment(tx, reference);
    if (!i || i.status !== 'pending') return;
    if (message.type === 'evt.accounts.PaymentCompleted') {
      await saveInvestment(tx, { ...i, status: 'investing' }, 'evt.strategies.InvestmentUpdated');
    } else {
      await saveInvestment(
        tx,
        {
          ...i,
          status: 'failed',
          failure_reason: `PAYMENT_FAILED_${message.data.reason}`,
          orders: i.orders.map((o) => ({ ...o, status: 'cancelled', reason: 'PAYMENT_FAILED' })),
        },
        'evt.strategies.InvestmentFailed',
      );
    }
    return;
  }
  if (!message.type.startsWith('evt.orders.') || message.type === 'evt.orders.OrderViewUpdated') return;
  const order = (message.data as { order: OrderSnapshot }).order;
  if (order.source.kind !== 'strategy') return;
  const i = await lockInvestment(tx, order.source.investmentId);
  if (!i) return;
  const at = i.orders.findIndex((o) => o.assetId === order.assetId);
  const current = i.orders[at];
  // Matched by asset (distinct within a strategy): the event may arrive before the HTTP answer
  // that told us the order id. A final status is never replaced by an earlier one.
  if (!current || isFinalOrderStatus(current.status)) return;
  const orders = i.orders.map((o, n) =>
    n === at ? { ...o, orderId: order.id, status: order.status, reason: order.statusReason } : o,
  );
  const next: InvestmentRow = { ...i, orders };
  next.status = i.status === 'investing' ? settleStatus(next) : i.status;
  await saveInvestment(
    tx,
    next,
    next.status !== i.status ? finalEvent(next) : 'evt.strategies.InvestmentUpdated',
  );
}

/**
 * Places the orders of investments whose payment completed: one market buy per allocation,
 * through the orders service's HTTP API with an idempotency key per (investment, asset), so
 * placing again after a crash or a retry never places twice.
 */
export class OrderPlacer implements Worker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly db: Database,
    private readonly ordersUrl: string,
    /** Signs this service's own token to the orders service (issuer `strategies`, never admin). */
    private readonly ordersTokens: ServiceTokenSigner,
    private readonly logger: Logger,
    private readonly afterCommit: () => void,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.kick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs a placing pass now (unless one is running). */
  kick(): Promise<void> {
    if (this.busy) return this.running;
    this.busy = true;
    this.running = this.placeAll()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'placing strategy orders failed; will retry'),
      )
      .finally(() => (this.busy = false));
    return this.running;
  }

  private async placeAll(): Promise<void> {
    const investments = await this.db.query<InvestmentRow & Record<string, unknown>>(
      `SELECT * FROM investments WHERE status = 'investing' AND EXISTS (SELECT 1 FROM jsonb_array_elements(orders) e WHERE e->>'status' = 'planned')`,
    );
    for (const i of investments) {
      for (const planned of i.orders.filter((o) => o.status === 'planned')) await this.place(i, planned);
    }
  }

  private async place(i: InvestmentRow, planned: InvestmentOrder): Promise<void> {
    const response = await fetch(`${this.ordersUrl}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `${i.id}:${planned.assetId}`,
        // Placed for the customer who invested, long after their own request: a token of our own.
        authorization: await this.ordersTokens.header({
          audience: 'orders',
          userId: i.requested_by,
          roles: ['customer'],
          requestId: `investment:${i.id}`,
        }),
      },
      body: JSON.stringify({
        accountId: i.account_id,
        assetId: planned.assetId,
        side: 'buy',
        type: 'market',
        amountMinor: planned.amountMinor,
        source: { kind: 'strategy', investmentId: i.id },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { order?: OrderSnapshot; error?: string };
    let outcome: Partial<InvestmentOrder>;
    if (response.ok && body.order) outcome = { orderId: body.order.id, status: body.order.status };
    // A refusal is final (a retry would be refused again); 401 is our key setup and may be fixed.
    else if (response.status === 400 || response.status === 422 || response.status === 409)
      outcome = { status: 'rejected', reason: body.error ?? 'REJECTED' };
    else throw new Error(`orders answered ${response.status} for investment ${i.id}`);
    await this.db.transaction(async (tx) => {
      const current = await lockInvestment(tx, i.id);
      if (!current) return;
      // The order's own events may have told us already; then there is nothing to record.
      if (!current.orders.some((o) => o.assetId === planned.assetId && o.status === 'planned')) return;
      const orders = current.orders.map((o) =>
        o.assetId === planned.assetId && o.status === 'planned' ? { ...o, ...outcome } : o,
      );
      const next: InvestmentRow = { ...current, orders };
      next.status = current.status === 'investing' ? settleStatus(next) : current.status;
      await saveInvestment(
        tx,
        next,
        next.status !== current.status ? finalEvent(next) : 'evt.strategies.InvestmentUpdated',
      );
    });
    this.afterCommit();
  }
}
