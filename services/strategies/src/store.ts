import { createMessage, type Envelope, type MessageType } from '@simplebank/events';
import type { Queryable } from '@simplebank/service-kit';
import type { AllocationInput } from './rules.ts';

export interface StrategyRow {
  id: string;
  name: string;
  description: string;
  risk_level: string;
  time_horizon: string;
  allocations: AllocationInput[];
  status: 'draft' | 'published' | 'retired';
  created_by_user_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface InvestmentOrder {
  assetId: string;
  amountMinor: number;
  orderId: string | null;
  status: string;
  reason: string | null;
}

export interface InvestmentRow {
  id: string;
  strategy_id: string;
  account_id: string;
  amount_minor: number;
  funding: 'cash' | 'deposit';
  payment_id: string | null;
  status: 'pending' | 'investing' | 'completed' | 'partially completed' | 'failed';
  failure_reason: string | null;
  orders: InvestmentOrder[];
  idempotency_key: string;
  request_hash: string;
  requested_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function strategyDto(
  s: StrategyRow,
  stats: { investedMinor: number; investmentCount: number } = { investedMinor: 0, investmentCount: 0 },
) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    riskLevel: s.risk_level,
    timeHorizon: s.time_horizon,
    allocations: s.allocations,
    status: s.status,
    createdByUserId: s.created_by_user_id,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    version: s.version,
    ...stats,
  };
}

export function investmentDto(i: InvestmentRow) {
  return {
    id: i.id,
    strategyId: i.strategy_id,
    accountId: i.account_id,
    amountMinor: i.amount_minor,
    funding: i.funding,
    paymentId: i.payment_id,
    status: i.status,
    failureReason: i.failure_reason,
    orders: i.orders,
    requestedBy: i.requested_by,
    version: i.version,
    createdAt: i.created_at.toISOString(),
    updatedAt: i.updated_at.toISOString(),
  };
}

export function strategyEvent(
  type: Extract<MessageType, `evt.strategies.Strategy${string}`>,
  s: StrategyRow,
): Envelope {
  const { investedMinor: _i, investmentCount: _c, updatedAt: _u, ...strategy } = strategyDto(s);
  return createMessage(type, { strategy }, { source: 'strategies', correlationId: s.id });
}

export function investmentEvent(
  type: Extract<MessageType, `evt.strategies.Investment${string}`>,
  i: InvestmentRow,
): Envelope {
  return createMessage(type, { investment: investmentDto(i) }, { source: 'strategies', correlationId: i.id });
}

export async function strategyStats(
  db: Queryable,
  ids: string[],
): Promise<Map<string, { investedMinor: number; investmentCount: number }>> {
  const rows = await db.query<{ strategy_id: string; invested: number; n: number }>(
    `SELECT strategy_id, COALESCE(SUM(o.amount), 0)::bigint AS invested, COUNT(DISTINCT i.id)::int AS n
     FROM investments i
     LEFT JOIN LATERAL (SELECT (e->>'amountMinor')::bigint AS amount FROM jsonb_array_elements(i.orders) e WHERE e->>'status' = 'completed') o ON true
     WHERE strategy_id = ANY($1::text[]) GROUP BY strategy_id`,
    [ids],
  );
  return new Map(
    rows.map((r) => [r.strategy_id, { investedMinor: Number(r.invested), investmentCount: r.n }]),
  );
}
