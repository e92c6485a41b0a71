import { createMessage, type Envelope, type MessageData, type MessageType } from '@simplebank/events';
import type { Queryable } from '@simplebank/service-kit';
import { orderFromRow, toSnapshot, type Order, type OrderRow } from './model.ts';

export type OrderEventType =
  | 'evt.orders.OrderCreated'
  | 'evt.orders.OrderPlaced'
  | 'evt.orders.OrderCancelRequested'
  | 'evt.orders.OrderCanceled'
  | 'evt.orders.OrderRejected'
  | 'evt.orders.OrderFailed'
  | 'evt.orders.OrderExpired'
  | 'evt.orders.OrderCompleted';

export function command<T extends MessageType>(type: T, data: MessageData<T>, orderId: string): Envelope {
  return createMessage(type, data, { source: 'orders', correlationId: orderId });
}

export async function lockOrder(tx: Queryable, id: string): Promise<Order | undefined> {
  const rows = await tx.query<OrderRow & Record<string, unknown>>(
    'SELECT * FROM orders WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

export async function findOrder(tx: Queryable, id: string): Promise<Order | undefined> {
  const rows = await tx.query<OrderRow & Record<string, unknown>>('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

export async function findByIdempotencyKey(tx: Queryable, key: string): Promise<Order | undefined> {
  const rows = await tx.query<OrderRow & Record<string, unknown>>(
    'SELECT * FROM orders WHERE idempotency_key = $1',
    [key],
  );
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

/**
 * Inserts a new order with its saga log entry, its OrderCreated event and its first commands in
 * ONE statement (data-modifying CTEs are atomic), the hot path of every order. Returns false when
 * the idempotency key exists already (nothing is written then).
 */
export async function insertNewOrder(
  db: Queryable,
  order: Order,
  log: { step: string; detail: Record<string, unknown> },
  commands: Envelope[],
): Promise<Envelope | null> {
  const snapshot = toSnapshot(order);
  const event = createMessage(
    'evt.orders.OrderCreated',
    { order: snapshot },
    { source: 'orders', correlationId: order.id, occurredAt: order.createdAt },
  );
  const messages = [event, ...commands];
  const rows = await db.query(
    `WITH o AS (
       INSERT INTO orders (id, account_id, asset_id, side, type, quantity, amount_minor, limit_price, currency, status, status_reason, cancel_requested,
         fee_minor, fill_price, filled_quantity, trade_id, source, idempotency_key, request_hash, requested_by, steps, version, saga_step,
         estimated_price, price_cap, created_at, updated_at, saga_updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'pending',NULL,false,NULL,NULL,NULL,NULL,$10::jsonb,$11,$12,$13,$14::jsonb,1,$15,$16,$17,$18,$18,$18)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id
     ), l AS (
       INSERT INTO saga_log (order_id, step, detail, at) SELECT id, $19, $20::jsonb, $18 FROM o RETURNING 1
     ), e AS (
       INSERT INTO order_events (event_id, order_id, version, type, snapshot, occurred_at) SELECT $21, id, 1, $22, $23::jsonb, $18 FROM o RETURNING 1
     )
     INSERT INTO outbox (id, type, message)
     SELECT m.id, m.type, m.message::jsonb FROM o, unnest($24::text[], $25::text[], $26::text[]) AS m(id, type, message)
     RETURNING 1`,
    [
      order.id,
      order.accountId,
      order.assetId,
      order.side,
      order.type,
      order.quantity,
      order.amountMinor,
      order.limitPrice,
      order.currency,
      JSON.stringify(order.source),
      order.idempotencyKey,
      order.requestHash,
      order.requestedBy,
      JSON.stringify(order.steps),
      order.sagaStep,
      order.estimatedPrice,
      order.priceCap,
      order.createdAt,
      log.step,
      JSON.stringify(log.detail),
      event.id,
      event.type,
      JSON.stringify(snapshot),
      messages.map((m) => m.id),
      messages.map((m) => m.type),
      messages.map((m) => JSON.stringify(m)),
    ],
  );
  return rows.length > 0 ? event : null;
}

export interface Change {
  /** Announce the change (bumps the version the read model and clients follow). */
  event?: OrderEventType;
  /** Commands for the next step, sent in the same transaction (outbox). */
  commands?: Envelope[];
  /** Saga log entry. */
  log: { step: string; detail?: Record<string, unknown> };
}

/**
 * An order as read for a saga step without a lock (readForStep), with what the step's write needs
 * to apply only if nothing changed the order in between.
 */
export interface OrderForStep {
  order: Order;
  /** The row's version (PostgreSQL's xmin): every UPDATE of the row changes it. */
  rowVersion: string;
  /** The reply was applied already (found in the inbox). */
  seen: boolean;
}

/** One statement: the order, its row version, and whether the consumer has handled this message. */
export async function readForStep(
  db: Queryable,
  id: string,
  consumer: string,
  messageId: string,
): Promise<OrderForStep | undefined> {
  const rows = await db.query<OrderRow & { row_version: string; seen: boolean } & Record<string, unknown>>(
    `SELECT o.*, o.xmin::text AS row_version,
       EXISTS (SELECT 1 FROM inbox WHERE consumer = $2 AND message_id = $3) AS seen
     FROM orders o WHERE o.id = $1`,
    [id, consumer, messageId],
  );
  const row = rows[0];
  return row ? { order: orderFromRow(row), rowVersion: row.row_version, seen: row.seen } : undefined;
}

/**
 * For a write outside a transaction (a saga step): apply only if the row is still at rowVersion
 * (else nothing is written and saveOrder returns null), and record the message in the inbox in
 * the same statement.
 */
export interface StepGuard {
  rowVersion: string;
  consumer: string;
  messageId: string;
}

/**
 * Writes an order's new state, its saga log entry, its event and its commands in one statement
 * (data-modifying CTEs: atomic, and one round trip instead of five on the saga's hot path).
 * With a guard, also the inbox record, and only if the order did not change since it was read
 * (returns null then, and writes nothing): a saga step needs no transaction.
 */
export async function saveOrder(tx: Queryable, next: Order, change: Change): Promise<Order>;
export async function saveOrder(
  tx: Queryable,
  next: Order,
  change: Change,
  guard: StepGuard,
): Promise<Order | null>;
export async function saveOrder(
  tx: Queryable,
  next: Order,
  change: Change,
  guard?: StepGuard,
): Promise<Order | null> {
  const now = new Date();
  const saved: Order = { ...next, version: change.event ? next.version + 1 : next.version, updatedAt: now };
  const messages: Envelope[] = [];
  let snapshot: ReturnType<typeof toSnapshot> | null = null;
  if (change.event) {
    snapshot = toSnapshot(saved);
    messages.push(
      createMessage(
        change.event,
        { order: snapshot },
        { source: 'orders', correlationId: saved.id, occurredAt: now },
      ),
    );
  }
  messages.push(...(change.commands ?? []));
  const event = change.event ? messages[0]! : null;
  const rows = await tx.query<{ n: number }>(
    `WITH u AS (
       UPDATE orders SET status = $2, status_reason = $3, cancel_requested = $4, fee_minor = $5, fill_price = $6, filled_quantity = $7,
         trade_id = $8, steps = $9::jsonb, version = $10, saga_step = $11, updated_at = $12, saga_updated_at = $12
       WHERE id = $1 AND ($21::text IS NULL OR xmin::text = $21::text) RETURNING id
     ), i AS (
       INSERT INTO inbox (consumer, message_id) SELECT $22::text, $23::text FROM u WHERE $22::text IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING 1
     ), l AS (
       INSERT INTO saga_log (order_id, step, detail, at) SELECT id, $13, $14::jsonb, $12 FROM u RETURNING 1
     ), e AS (
       INSERT INTO order_events (event_id, order_id, version, type, snapshot, occurred_at)
       SELECT $15::text, id, $10, $16::text, $17::jsonb, $12 FROM u WHERE $15::text IS NOT NULL RETURNING 1
     )
     , ob AS (
       INSERT INTO outbox (id, type, message)
       SELECT m.id, m.type, m.message::jsonb FROM u, unnest($18::text[], $19::text[], $20::text[]) WITH ORDINALITY AS m(id, type, message, n)
       ORDER BY m.n RETURNING 1
     )
     SELECT count(*)::int AS n FROM u`,
    [
      saved.id,
      saved.status,
      saved.statusReason,
      saved.cancelRequested,
      saved.feeMinor,
      saved.fillPrice,
      saved.filledQuantity,
      saved.tradeId,
      JSON.stringify(saved.steps),
      saved.version,
      saved.sagaStep,
      now,
      change.log.step,
      JSON.stringify(change.log.detail ?? {}),
      event?.id ?? null,
      event?.type ?? null,
      snapshot ? JSON.stringify(snapshot) : null,
      messages.map((m) => m.id),
      messages.map((m) => m.type),
      messages.map((m) => JSON.stringify(m)),
      guard?.rowVersion ?? null,
      guard?.consumer ?? null,
      guard?.messageId ?? null,
    ],
  );
  return !guard || rows[0]?.n === 1 ? saved : null;
}
