import type { OrderSnapshot, OrderView } from '@simplebank/events';
import type { operations } from '@simplebank/openapi/services/orders';
import {
  badRequest,
  notFound,
  typedHandlers,
  type Database,
  type OperationHandler,
} from '@simplebank/service-kit';
import { cancelOrder, createOrder, type OrderRules } from './commands.ts';
import { FINAL_ORDER_STATUSES } from '@simplebank/openapi';
import { OPEN_STATUSES, toSnapshot } from './model.ts';
import type { PriceCache } from './prices.ts';
import type { OrderProjector } from './projector.ts';
import { findOrder } from './store.ts';

const STATUS_FILTERS: Record<string, readonly string[]> = {
  open: OPEN_STATUSES,
  closed: FINAL_ORDER_STATUSES,
};

/** A `from`/`to` query value as a Date; the contract's date-time format is checked again here so a bad value is a 400, never a SQL error. */
function instant(value: string | undefined, name: 'from' | 'to'): Date | null {
  if (value === undefined || value === '') return null;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time))
    throw badRequest(`query:${name}`, 'must be an ISO 8601 date-time with a time zone');
  return new Date(time);
}

export function ordersHandlers(deps: {
  db: Database;
  prices: PriceCache;
  projector: OrderProjector;
  rules: OrderRules;
  afterCommit: () => void;
}): Record<string, OperationHandler> {
  const { db } = deps;
  return typedHandlers<operations>({
    createOrder: async (r, reply) => {
      const { order, created } = await createOrder(
        db,
        deps.prices,
        deps.rules,
        r.body,
        r.headers['idempotency-key'],
        r.caller?.userId ?? null,
      );
      if (created) deps.afterCommit();
      reply.code(created ? 201 : 200).header('location', `/orders/${order.id}`);
      if (!created) reply.header('idempotent-replayed', 'true');
      return { order: toSnapshot(order) };
    },
    listOrders: async (req) => {
      const q = req.query;
      const from = instant(q.from, 'from');
      const to = instant(q.to, 'to');
      const page = q.page ?? 1;
      const size = q.size ?? 20;
      const accountIds = (q.accountIds ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const statuses = q.status ? (STATUS_FILTERS[q.status] ?? [q.status]) : null;
      const where: string[] = [];
      const params: unknown[] = [];
      if (accountIds.length > 0) where.push(`account_id = ANY($${params.push(accountIds)}::text[])`);
      if (statuses) where.push(`status = ANY($${params.push(statuses)}::text[])`);
      if (q.assetId) where.push(`asset_id = $${params.push(q.assetId)}`);
      // from is inclusive, to is exclusive: consecutive ranges never count an order twice.
      if (from) where.push(`created_at >= $${params.push(from.toISOString())}::timestamptz`);
      if (to) where.push(`created_at < $${params.push(to.toISOString())}::timestamptz`);
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const [count] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM order_views ${clause}`,
        params,
      );
      const rows = await db.query<{ view: OrderView }>(
        `SELECT view FROM order_views ${clause} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, size, (page - 1) * size],
      );
      return { items: rows.map((r) => r.view), page, size, total: count?.n ?? 0 };
    },
    getOrder: async (r) => {
      const minVersion = r.query.minVersion ?? 1;
      const [row] = await db.query<{ view: OrderView }>('SELECT view FROM order_views WHERE id = $1', [
        r.params.orderId,
      ]);
      if (row && row.view.version >= minVersion)
        return { order: row.view, minVersionReached: true, servedFrom: 'read-model' };
      // Read-your-writes: the read model lags behind the commands, so an order it has not projected
      // yet (or not up to the version the caller has seen) is answered from the command side.
      const current = await findOrder(db, r.params.orderId);
      if (!current) throw notFound('order', r.params.orderId);
      const order: OrderSnapshot & { projectedAt: null } = { ...toSnapshot(current), projectedAt: null };
      return { order, minVersionReached: order.version >= minVersion, servedFrom: 'write-side' };
    },
    getOrderRules: async () => deps.rules,
    cancelOrder: async (r, reply) => {
      const { order, outcome } = await cancelOrder(db, r.params.orderId, r.caller?.userId ?? null);
      deps.afterCommit();
      reply.code(outcome === 'cancelled' ? 200 : 202);
      return { order: toSnapshot(order), outcome };
    },
    getOrderTimeline: async (req) => {
      const { orderId } = req.params;
      if (!(await findOrder(db, orderId))) throw notFound('order', orderId);
      const rows = await db.query<{ seq: number; step: string; detail: Record<string, unknown>; at: Date }>(
        'SELECT seq, step, detail, at FROM saga_log WHERE order_id = $1 ORDER BY seq',
        [orderId],
      );
      return {
        orderId,
        entries: rows.map((e) => ({ seq: e.seq, step: e.step, detail: e.detail, at: e.at.toISOString() })),
      };
    },
    getReadModelStatus: async () => deps.projector.status(),
  });
}
