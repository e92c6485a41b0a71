import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import {
  createMessage,
  type AnyEnvelope,
  type Envelope,
  type MessageData,
  type MessageType,
} from '@simplebank/events';
import { withTraceContext, type Queryable } from '@simplebank/service-kit';
import { catalogById } from './catalog.ts';
import type { Faults } from './faults.ts';
import type { PriceBook } from './prices.ts';

export interface MarketOrderRow {
  order_id: string;
  asset_id: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: string | null;
  amount_minor: number | null;
  limit_price: string | null;
  price_cap: string | null;
  status: 'received' | 'open' | 'filled' | 'failed' | 'cancelled' | 'expired';
  reason: string | null;
  fill_price: string | null;
  fill_quantity: string | null;
  trade_id: string | null;
  received_at: Date;
  send_at: Date;
  fill_at: Date | null;
  expires_at: Date | null;
  updated_at: Date;
  trace_context: Record<string, string> | null;
}

export interface GatewayTiming {
  /** Time an order takes to reach the exchange (before extra latency). */
  sendLatencyMs: number;
  /** Time a market order takes to fill once accepted. */
  fillLatencyMs: number;
  /** How long a limit order may wait for its price. */
  limitOrderTtlMs: number;
}

const dec = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());

export function marketOrderDto(r: MarketOrderRow) {
  return {
    orderId: r.order_id,
    assetId: r.asset_id,
    side: r.side,
    type: r.type,
    status: r.status,
    reason: r.reason,
    quantity: dec(r.quantity),
    amountMinor: r.amount_minor,
    limitPrice: dec(r.limit_price),
    fillPrice: dec(r.fill_price),
    fillQuantity: dec(r.fill_quantity),
    tradeId: r.trade_id,
    receivedAt: r.received_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function event<T extends MessageType>(
  type: T,
  data: MessageData<T>,
  correlationId: string | null,
  traceContext?: Record<string, string> | null,
): Envelope {
  return withTraceContext(traceContext, () => createMessage(type, data, { source: 'market', correlationId }));
}

/** What the market has said about an order so far (answer to a repeated command). */
function announceState(r: MarketOrderRow): Envelope[] {
  const c = r.order_id;
  switch (r.status) {
    case 'open':
      return [event('evt.market.OrderPlaced', { orderId: c }, c)];
    case 'filled':
      return [
        event(
          'evt.market.TradeExecuted',
          {
            orderId: c,
            tradeId: r.trade_id!,
            assetId: r.asset_id,
            side: r.side,
            price: dec(r.fill_price)!,
            quantity: dec(r.fill_quantity)!,
          },
          c,
        ),
      ];
    case 'failed':
      return [event('evt.market.OrderFailed', { orderId: c, reason: r.reason ?? 'FAILED' }, c)];
    case 'cancelled':
      return [event('evt.market.OrderCanceled', { orderId: c }, c)];
    case 'expired':
      return [event('evt.market.OrderExpired', { orderId: c }, c)];
    default:
      return [];
  }
}

async function lock(tx: Queryable, orderId: string): Promise<MarketOrderRow | undefined> {
  const rows = await tx.query<MarketOrderRow & Record<string, unknown>>(
    'SELECT * FROM market_orders WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  return rows[0];
}

export async function handleMarketCommand(
  tx: Queryable,
  message: AnyEnvelope,
  faults: Faults,
  timing: GatewayTiming,
): Promise<Envelope[]> {
  if (message.type === 'cmd.market.PlaceOrder') {
    const c = message.data;
    const existing = await lock(tx, c.orderId);
    if (existing) return announceState(existing);
    if (!catalogById.has(c.assetId)) {
      await tx.query(
        `INSERT INTO market_orders (order_id, asset_id, side, type, status, reason) VALUES ($1, $2, $3, $4, 'failed', 'UNKNOWN_ASSET')`,
        [c.orderId, c.assetId, c.side, c.type],
      );
      return [event('evt.market.OrderFailed', { orderId: c.orderId, reason: 'UNKNOWN_ASSET' }, c.orderId)];
    }
    const now = Date.now();
    await tx.query(
      `INSERT INTO market_orders (order_id, asset_id, side, type, quantity, amount_minor, limit_price, price_cap, status, send_at, expires_at, trace_context)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10, $11::jsonb)`,
      [
        c.orderId,
        c.assetId,
        c.side,
        c.type,
        c.quantity,
        c.amountMinor,
        c.limitPrice,
        c.priceCap,
        new Date(now + timing.sendLatencyMs + faults.extraLatencyMs),
        c.type === 'limit' ? new Date(now + timing.limitOrderTtlMs) : null,
        // The command's trace (tracing on): the gateway's later events join it.
        message.traceContext ? JSON.stringify(message.traceContext) : null,
      ],
    );
    return [];
  }
  if (message.type === 'cmd.market.CancelOrder') {
    const { orderId } = message.data;
    const existing = await lock(tx, orderId);
    if (!existing) {
      // Cancel before the order itself arrived: a tombstone makes the later PlaceOrder a no-op.
      await tx.query(
        `INSERT INTO market_orders (order_id, asset_id, side, type, status, reason) VALUES ($1, '?', 'buy', 'market', 'cancelled', 'CANCELED')`,
        [orderId],
      );
      return [event('evt.market.OrderCanceled', { orderId }, orderId)];
    }
    if (existing.status === 'received' || existing.status === 'open') {
      await tx.query(
        `UPDATE market_orders SET status = 'cancelled', reason = 'CANCELED', updated_at = now() WHERE order_id = $1`,
        [orderId],
      );
      return [event('evt.market.OrderCanceled', { orderId }, orderId)];
    }
    // Filled already: too late to cancel; the trade stands (orders has, or will get, TradeExecuted).
    return existing.status === 'filled' ? [] : announceState(existing);
  }
  return [];
}

/** Fill quantity and price, or why the order cannot fill now (null: keep waiting). */
function tryFill(r: MarketOrderRow, price: string): { quantity: string } | { fail: string } | null {
  const p = new Decimal(price);
  if (r.type === 'limit') {
    const limit = new Decimal(r.limit_price!);
    const crosses = r.side === 'buy' ? p.lte(limit) : p.gte(limit);
    return crosses ? { quantity: new Decimal(r.quantity!).toFixed() } : null;
  }
  if (r.side === 'buy' && r.price_cap !== null && p.gt(r.price_cap)) return { fail: 'PRICE_ABOVE_CAP' };
  if (r.quantity !== null) return { quantity: new Decimal(r.quantity).toFixed() };
  const quantity = new Decimal(r.amount_minor!).div(100).div(p).toDecimalPlaces(8, Decimal.ROUND_DOWN);
  return quantity.isZero() ? { fail: 'AMOUNT_TOO_SMALL' } : { quantity: quantity.toFixed() };
}

/**
 * One pass of the exchange simulation over working orders: send received orders (re-checking
 * that they were not cancelled meanwhile: the row is locked and read again), fill market orders
 * after their latency, fill limit orders whose price crossed, expire old limit orders.
 */
export async function runGatewayPass(
  tx: Queryable,
  prices: PriceBook,
  faults: Faults,
  timing: GatewayTiming,
  random: () => number = Math.random,
): Promise<Envelope[]> {
  const rows = await tx.query<MarketOrderRow & Record<string, unknown>>(
    `SELECT * FROM market_orders
     WHERE (status = 'received' AND send_at <= now()) OR (status = 'open' AND (type = 'limit' OR fill_at <= now()))
     ORDER BY received_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
  );
  const out: Envelope[] = [];
  const now = new Date();
  for (const r of rows) {
    const c = r.order_id;
    const fail = async (reason: string) => {
      await tx.query(
        `UPDATE market_orders SET status = 'failed', reason = $2, updated_at = now() WHERE order_id = $1`,
        [c, reason],
      );
      out.push(event('evt.market.OrderFailed', { orderId: c, reason }, c, r.trace_context));
    };
    if (r.status === 'received') {
      if (faults.down) {
        await fail('MARKET_UNAVAILABLE');
        continue;
      }
      if (faults.failureRate > 0 && random() < faults.failureRate) {
        await fail('MARKET_REJECTED');
        continue;
      }
      await tx.query(
        `UPDATE market_orders SET status = 'open', fill_at = $2, updated_at = now() WHERE order_id = $1`,
        [c, new Date(now.getTime() + timing.fillLatencyMs)],
      );
      out.push(event('evt.market.OrderPlaced', { orderId: c }, c, r.trace_context));
      continue;
    }
    if (faults.down) continue;
    if (r.type === 'limit' && r.expires_at && r.expires_at <= now) {
      await tx.query(
        `UPDATE market_orders SET status = 'expired', reason = 'EXPIRED', updated_at = now() WHERE order_id = $1`,
        [c],
      );
      out.push(event('evt.market.OrderExpired', { orderId: c }, c, r.trace_context));
      continue;
    }
    const quote = prices.get(r.asset_id);
    if (!quote) continue;
    const fill = tryFill(r, quote.price);
    if (!fill) continue;
    if ('fail' in fill) {
      await fail(fill.fail);
      continue;
    }
    const tradeId = randomUUID();
    await tx.query(
      `UPDATE market_orders SET status = 'filled', fill_price = $2, fill_quantity = $3, trade_id = $4, updated_at = now() WHERE order_id = $1`,
      [c, quote.price, fill.quantity, tradeId],
    );
    out.push(
      event(
        'evt.market.TradeExecuted',
        {
          orderId: c,
          tradeId,
          assetId: r.asset_id,
          side: r.side,
          price: new Decimal(quote.price).toFixed(),
          quantity: fill.quantity,
        },
        c,
        r.trace_context,
      ),
    );
  }
  return out;
}
