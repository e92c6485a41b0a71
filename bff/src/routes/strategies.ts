import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { requireRole, requireUser } from '../auth/auth-plugin.ts';
import { requireFlag } from '../flags/flag-store.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import {
  moneyToMinor,
  toInvestment,
  toStrategy,
  toStrategyInput,
  type ServiceStrategy,
} from '../downstream/mapping.ts';
import { auditFrom, type BffContext } from '../context.ts';
import { scopedIdempotencyKey } from '../downstream/idempotency.ts';
import { assertCanSeeAccount, customerAccounts, isAdmin } from '../access/ownership.ts';
import { withRuleFields } from '../downstream/strategy-rules.ts';
import { belowMinimumAsField } from '../downstream/minimums.ts';

type S = components['schemas'];
type Id = { Params: { id: string } };

export function strategyRoutes(app: FastifyInstance, ctx: BffContext, downstreams: Downstreams): void {
  const { contract } = ctx;
  const strategies = (request: FastifyRequest, opts?: { idempotent: boolean }) =>
    downstreams.api('strategies', callContext(request), opts);
  const strategy = (strategyId: string) => ({ params: { path: { strategyId } } });

  async function load(request: FastifyRequest, id: string): Promise<ServiceStrategy> {
    const { body } = await ok(strategies(request).GET('/strategies/{strategyId}', strategy(id)));
    // Customers see published strategies only.
    if (!isAdmin(request) && body.status !== 'published') throw notFound(`Strategy ${id}`);
    return body;
  }

  /** An admin command on a strategy, audited whatever its outcome. */
  async function adminCommand(
    request: FastifyRequest,
    action: string,
    target: string,
    run: () => Promise<ServiceStrategy>,
  ): Promise<S['Strategy']> {
    requireRole(request, 'admin');
    try {
      const result = await run();
      await ctx.audit.record(
        auditFrom(request, { action, outcome: 'success', target: `strategy:${result.id}` }),
      );
      return toStrategy(result, true);
    } catch (err) {
      await ctx.audit.record(
        auditFrom(request, { action, outcome: 'failure', target, detail: (err as Error).message }),
      );
      throw err;
    }
  }

  function checkVersion(current: ServiceStrategy, expected: number | undefined): void {
    if (expected !== undefined && current.version !== expected) {
      throw new ApiError(
        409,
        'version_conflict',
        `The strategy changed (version ${current.version}); reload and retry`,
      );
    }
  }

  contractRoute<{ Querystring: { status?: S['StrategyStatus'] } }>(
    app,
    contract,
    'GET',
    '/api/strategies',
    async (request) => {
      requireUser(request);
      const admin = isAdmin(request);
      const status = admin ? request.query.status : 'published';
      if (!admin && request.query.status !== undefined && request.query.status !== 'published')
        throw forbidden('Customers see published strategies only');
      const { body } = await ok(strategies(request).GET('/strategies', { params: { query: { status } } }));
      return {
        items: body.items.filter((s) => admin || s.status === 'published').map((s) => toStrategy(s, admin)),
      };
    },
  );

  contractRoute<Id>(app, contract, 'GET', '/api/strategies/{id}', async (request) => {
    requireUser(request);
    return toStrategy(await load(request, request.params.id), isAdmin(request));
  });

  contractRoute<{ Body: S['StrategyInput'] }>(
    app,
    contract,
    'POST',
    '/api/strategies',
    async (request, reply) => {
      const created = await adminCommand(request, 'strategy.create', 'strategy:new', async () => {
        try {
          const res = await ok(
            strategies(request).POST('/strategies', { body: toStrategyInput(request.body) }),
          );
          return res.body;
        } catch (err) {
          throw withRuleFields(err, request.body);
        }
      });
      return reply.code(201).send(created);
    },
    { role: 'admin' },
  );

  contractRoute<Id & { Body: S['StrategyInput'] & { expectedVersion: number } }>(
    app,
    contract,
    'PUT',
    '/api/strategies/{id}',
    async (request) =>
      adminCommand(request, 'strategy.update', `strategy:${request.params.id}`, async () => {
        checkVersion(await load(request, request.params.id), request.body.expectedVersion);
        const input = toStrategyInput(request.body);
        try {
          return (
            await ok(
              strategies(request).PUT('/strategies/{strategyId}', {
                ...strategy(request.params.id),
                body: input,
              }),
            )
          ).body;
        } catch (err) {
          throw withRuleFields(err, request.body);
        }
      }),
    { role: 'admin' },
  );

  for (const step of ['publish', 'retire'] as const) {
    contractRoute<Id & { Body: S['VersionGuard'] | undefined }>(
      app,
      contract,
      'POST',
      `/api/strategies/{id}/${step}`,
      async (request) =>
        adminCommand(request, `strategy.${step}`, `strategy:${request.params.id}`, async () => {
          checkVersion(await load(request, request.params.id), request.body?.expectedVersion);
          // Publishing or retiring twice is doing it once: safe to retry.
          return (
            await ok(
              strategies(request, { idempotent: true }).POST(
                `/strategies/{strategyId}/${step}`,
                strategy(request.params.id),
              ),
            )
          ).body;
        }),
      { role: 'admin' },
    );
  }

  contractRoute<Id & { Body: S['InvestRequest']; Headers: { 'idempotency-key': string } }>(
    app,
    contract,
    'POST',
    '/api/strategies/{id}/investments',
    async (request, reply) => {
      const { accounts } = await customerAccounts(request, downstreams);
      if (!accounts.some((a) => a.id === request.body.accountId)) throw forbidden('Not your account');
      await requireFlag(ctx.flags, 'strategies.invest', requireUser(request).roles);
      const amountMinor = moneyToMinor(request.body.amount, 'body.amount');
      const key = request.headers['idempotency-key'];
      try {
        const res = await ok(
          strategies(request).POST('/strategies/{strategyId}/investments', {
            params: {
              path: { strategyId: request.params.id },
              header: { 'Idempotency-Key': scopedIdempotencyKey(requireUser(request).id, key) },
            },
            body: { accountId: request.body.accountId, amountMinor },
          }),
        );
        await ctx.audit.record(
          auditFrom(request, {
            action: 'strategy.invest',
            outcome: 'success',
            target: `investment:${res.body.id}`,
            detail: `idempotency-key ${key}`,
          }),
        );
        return reply.code(res.status === 200 ? 200 : 201).send(toInvestment(res.body));
      } catch (err) {
        await ctx.audit.record(
          auditFrom(request, {
            action: 'strategy.invest',
            outcome: 'failure',
            target: `strategy:${request.params.id}`,
            detail: (err as Error).message,
          }),
        );
        throw belowMinimumAsField(err, 'INVESTMENT_BELOW_MINIMUM', 'body.amount');
      }
    },
    { role: 'customer' },
  );

  /**
   * Every strategy's name, retired ones included: customers see published strategies only, yet an
   * investment in a strategy retired since must keep its name.
   */
  async function strategyNames(request: FastifyRequest): Promise<Map<string, string>> {
    const { body } = await ok(strategies(request).GET('/strategies'));
    return new Map(body.items.map((s) => [s.id, s.name]));
  }
  const withStrategyName = (investment: S['Investment'], names: Map<string, string>): S['Investment'] => {
    const strategyName = names.get(investment.strategyId);
    return strategyName === undefined ? investment : { ...investment, strategyName };
  };

  contractRoute<{ Querystring: { page: number; size: number } }>(
    app,
    contract,
    'GET',
    '/api/investments',
    async (request) => {
      const { accounts } = await customerAccounts(request, downstreams);
      const { page, size } = request.query;
      if (accounts.length === 0) return { items: [], page, size, total: 0 };
      const [{ body }, names] = await Promise.all([
        ok(
          strategies(request).GET('/investments', {
            params: { query: { accountIds: accounts.map((a) => a.id).join(',') } },
          }),
        ),
        strategyNames(request),
      ]);
      const all = body.items
        .map((i) => withStrategyName(toInvestment(i), names))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { items: all.slice((page - 1) * size, page * size), page, size, total: all.length };
    },
  );

  contractRoute<Id>(app, contract, 'GET', '/api/investments/{id}', async (request) => {
    requireUser(request);
    const { body } = await ok(
      strategies(request).GET('/investments/{investmentId}', {
        params: { path: { investmentId: request.params.id } },
      }),
    );
    await assertCanSeeAccount(request, downstreams, body.accountId, `Investment ${request.params.id}`);
    return withStrategyName(toInvestment(body), await strategyNames(request));
  });
}
