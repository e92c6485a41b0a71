import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  ApiError,
  enqueueMessages,
  notFound,
  unprocessable,
  type Database,
  type OperationHandler,
  requireAdmin,
  typedHandlers,
} from '@simplebank/service-kit';
import { createInvestment } from './investments.ts';
import type { operations } from '@simplebank/openapi/services/strategies';
import { checkStrategy, type InvestmentRules } from './rules.ts';
import {
  investmentDto,
  strategyDto,
  strategyEvent,
  strategyStats,
  type InvestmentRow,
  type StrategyRow,
} from './store.ts';

/** The admin making the request, from the verified service token (strategies record their author). */
function adminUserId(request: FastifyRequest): string {
  requireAdmin(request);
  const userId = request.caller?.userId;
  if (!userId) throw new ApiError(403, 'FORBIDDEN', 'the service token names no user');
  return userId;
}

export function strategiesHandlers(deps: {
  db: Database;
  rules: InvestmentRules;
  afterCommit: () => void;
  placeOrdersSoon: () => void;
}): Record<string, OperationHandler> {
  const { db } = deps;
  const withStats = async (rows: StrategyRow[]) => {
    const stats = await strategyStats(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => strategyDto(r, stats.get(r.id)));
  };
  const load = async (id: string) => {
    const [row] = await db.query<StrategyRow & Record<string, unknown>>(
      'SELECT * FROM strategies WHERE id = $1',
      [id],
    );
    if (!row) throw notFound('strategy', id);
    return row;
  };
  /** Changes a strategy and announces it, in one transaction. */
  const change = async (
    id: string,
    fn: (
      s: StrategyRow,
    ) => { sql: string; params: unknown[]; event: Parameters<typeof strategyEvent>[0] } | null,
  ) => {
    const row = await db.transaction(async (tx) => {
      const [current] = await tx.query<StrategyRow & Record<string, unknown>>(
        'SELECT * FROM strategies WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!current) throw notFound('strategy', id);
      const update = fn(current);
      if (!update) return current;
      const [next] = await tx.query<StrategyRow & Record<string, unknown>>(update.sql, [
        id,
        ...update.params,
      ]);
      await enqueueMessages(tx, [strategyEvent(update.event, next!)]);
      return next!;
    });
    deps.afterCommit();
    return (await withStats([row]))[0]!;
  };

  return typedHandlers<operations>({
    listStrategies: async (req) => {
      const { status } = req.query;
      const rows = await db.query<StrategyRow & Record<string, unknown>>(
        status
          ? 'SELECT * FROM strategies WHERE status = $1 ORDER BY created_at, id'
          : 'SELECT * FROM strategies ORDER BY created_at, id',
        status ? [status] : [],
      );
      return { items: await withStats(rows) };
    },
    getStrategy: async (req) => (await withStats([await load(req.params.strategyId)]))[0],
    createStrategy: async (r, reply) => {
      const authorId = adminUserId(r);
      checkStrategy(r.body);
      const row = await db.transaction(async (tx) => {
        const [created] = await tx.query<StrategyRow & Record<string, unknown>>(
          `INSERT INTO strategies (id, name, description, risk_level, time_horizon, allocations, status, created_by_user_id)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'draft', $7) RETURNING *`,
          [
            `s-${randomUUID()}`,
            r.body.name.trim(),
            r.body.description ?? '',
            r.body.riskLevel ?? 'medium',
            r.body.timeHorizon ?? '5+ years',
            JSON.stringify(r.body.allocations),
            authorId,
          ],
        );
        await enqueueMessages(tx, [strategyEvent('evt.strategies.StrategyCreated', created!)]);
        return created!;
      });
      deps.afterCommit();
      reply.code(201);
      return strategyDto(row);
    },
    updateStrategy: async (r) => {
      requireAdmin(r);
      checkStrategy(r.body);
      return change(r.params.strategyId, (s) => {
        if (s.status !== 'draft')
          throw unprocessable(
            'STRATEGY_NOT_DRAFT',
            `only a draft can be edited; this strategy is ${s.status}`,
          );
        return {
          sql: `UPDATE strategies SET name = $2, description = $3, risk_level = $4, time_horizon = $5, allocations = $6::jsonb, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          params: [
            r.body.name.trim(),
            r.body.description ?? s.description,
            r.body.riskLevel ?? s.risk_level,
            r.body.timeHorizon ?? s.time_horizon,
            JSON.stringify(r.body.allocations),
          ],
          event: 'evt.strategies.StrategyUpdated',
        };
      });
    },
    publishStrategy: async (req) => {
      requireAdmin(req);
      return change(req.params.strategyId, (s) => {
        if (s.status === 'published') return null;
        if (s.status === 'retired')
          throw unprocessable('STRATEGY_RETIRED', 'a retired strategy cannot be published again');
        return {
          sql: `UPDATE strategies SET status = 'published', version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          params: [],
          event: 'evt.strategies.StrategyPublished',
        };
      });
    },
    retireStrategy: async (req) => {
      requireAdmin(req);
      return change(req.params.strategyId, (s) =>
        s.status === 'retired'
          ? null
          : {
              sql: `UPDATE strategies SET status = 'retired', version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
              params: [],
              event: 'evt.strategies.StrategyRetired',
            },
      );
    },
    createInvestment: async (r, reply) => {
      const { investment, created } = await createInvestment(
        db,
        r.params.strategyId,
        r.body,
        r.headers['idempotency-key'],
        r.caller?.userId ?? null,
        deps.rules,
      );
      if (created) deps.afterCommit();
      reply.code(created ? 202 : 200);
      return investmentDto(investment);
    },
    getInvestmentRules: async () => deps.rules,
    listInvestments: async (req) => {
      const q = req.query;
      const accountIds = (q.accountIds ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const where: string[] = [];
      const params: unknown[] = [];
      if (accountIds.length > 0) where.push(`account_id = ANY($${params.push(accountIds)}::text[])`);
      if (q.strategyId) where.push(`strategy_id = $${params.push(q.strategyId)}`);
      const rows = await db.query<InvestmentRow & Record<string, unknown>>(
        `SELECT * FROM investments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT 500`,
        params,
      );
      return { items: rows.map(investmentDto) };
    },
    getInvestment: async (req) => {
      const { investmentId } = req.params;
      const [row] = await db.query<InvestmentRow & Record<string, unknown>>(
        'SELECT * FROM investments WHERE id = $1',
        [investmentId],
      );
      if (!row) throw notFound('investment', investmentId);
      return investmentDto(row);
    },
  });
}
