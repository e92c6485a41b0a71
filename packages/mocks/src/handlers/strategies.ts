import { http } from '../http.ts';
import {
  errorBody,
  forbidden,
  isAdmin,
  networkDelay,
  notFound,
  paginate,
  unauthorized,
  type MockContext,
} from '../context.ts';
import { splitByPercentages } from '@simplebank/money';
import { add, compare } from '../decimal.ts';
import { MINIMUM_INVESTMENT, MINIMUM_ORDER_VALUE } from './orders.ts';

/** Why the strategies service would refuse this amount (services/strategies/src/investments.ts), or null. */
function investmentBelowMinimum(strategy: Strategy, amount: string): string | null {
  if (compare(amount, MINIMUM_INVESTMENT) < 0) return `The minimum investment is ${MINIMUM_INVESTMENT}.`;
  const parts = splitByPercentages(
    amount,
    strategy.allocations.map((a) => a.percentage),
  );
  const smallest = parts.findIndex((part) => compare(part, MINIMUM_ORDER_VALUE) < 0);
  if (smallest === -1) return null;
  return `The order for ${strategy.allocations[smallest]!.assetId} would be ${parts[smallest]}, below the minimum order value of ${MINIMUM_ORDER_VALUE}.`;
}
import type { Schema } from '@simplebank/openapi';
import type { Strategy } from '../types.ts';
import { invest } from '../simulation/investments.ts';

type Field = { field: string; reason: string };

/** The strategy rules of docs/DOMAIN.md: a name, at least one asset, distinct assets, each > 0, sum exactly 100. */
export function strategyRuleViolations(
  input: Schema<'StrategyInput'>,
  knownAsset: (id: string) => boolean,
): Field[] {
  const problems: Field[] = [];
  if (!input.name.trim()) problems.push({ field: 'body.name', reason: 'A strategy needs a name.' });
  if (input.allocations.length === 0)
    problems.push({ field: 'body.allocations', reason: 'Add at least one asset.' });
  const seen = new Set<string>();
  input.allocations.forEach((allocation, index) => {
    if (seen.has(allocation.assetId))
      problems.push({
        field: `body.allocations.${index}.assetId`,
        reason: 'Each asset can appear only once.',
      });
    seen.add(allocation.assetId);
    if (!knownAsset(allocation.assetId))
      problems.push({ field: `body.allocations.${index}.assetId`, reason: 'Unknown asset.' });
    if (!/^\d+(\.\d+)?$/.test(allocation.percentage) || compare(allocation.percentage, '0') <= 0) {
      problems.push({ field: `body.allocations.${index}.percentage`, reason: 'Must be greater than 0.' });
    }
  });
  const percentages = input.allocations.map((a) => a.percentage).filter((p) => /^\d+(\.\d+)?$/.test(p));
  if (input.allocations.length > 0 && compare(add(percentages, 8), '100') !== 0) {
    problems.push({
      field: 'body.allocations',
      reason: `The percentages add up to ${add(percentages, 8).replace(/\.?0+$/, '')}, not 100.`,
    });
  }
  return problems;
}

/** Strategies: customers see published ones; admins see all and create, edit, publish, retire. */
export function strategyHandlers(ctx: MockContext) {
  const find = (id: string) => ctx.db.state.strategies.find((strategy) => strategy.id === id);
  const visible = (strategy: Strategy) => isAdmin(ctx.user) || strategy.status === 'published';
  // Customers never see how much others invested (bff.yaml: totalInvested is for admins only).
  const forViewer = (strategy: Strategy): Strategy => {
    if (isAdmin(ctx.user)) return strategy;
    const { totalInvested: _hidden, ...rest } = strategy;
    return rest;
  };
  const save = (strategy: Strategy) => {
    const list = ctx.db.state.strategies;
    const index = list.findIndex((candidate) => candidate.id === strategy.id);
    if (index === -1) list.push(strategy);
    else list[index] = strategy;
    ctx.realtime?.publish('strategies', strategy);
    return strategy;
  };
  let counter = 100;

  return [
    http.get('/api/strategies', async ({ query, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const status = query.get('status');
      const items = ctx.db.state.strategies
        .filter(visible)
        .filter((strategy) => !status || strategy.status === status);
      return response(200).json({ items: items.map(forViewer) });
    }),

    http.get('/api/strategies/{id}', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const strategy = find(params.id);
      if (!strategy || !visible(strategy)) return response(404).json(notFound('The strategy'));
      return response(200).json(forViewer(strategy));
    }),

    http.post('/api/strategies', async ({ request, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const input = await request.json();
      const problems = strategyRuleViolations(input, (id) => Boolean(ctx.db.asset(id)));
      if (problems.length > 0)
        return response(422).json(errorBody('strategy_rules', 'The strategy breaks a rule.', problems));
      counter += 1;
      const at = new Date().toISOString();
      const strategy: Strategy = {
        ...input,
        id: `str-${counter}`,
        status: 'draft',
        createdByUserId: ctx.user.id,
        createdAt: at,
        updatedAt: at,
        publishedAt: null,
        retiredAt: null,
        totalInvested: '0.00',
        version: 1,
      };
      return response(201).json(save(strategy));
    }),

    http.put('/api/strategies/{id}', async ({ params, request, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const strategy = find(params.id);
      if (!strategy) return response(404).json(notFound('The strategy'));
      const { expectedVersion, ...input } = await request.json();
      if (expectedVersion !== strategy.version) {
        return response(409).json(
          errorBody('stale_version', 'Someone changed this strategy meanwhile; reload it and try again.'),
        );
      }
      if (strategy.status !== 'draft')
        return response(422).json(errorBody('not_a_draft', 'Only a draft can be edited.'));
      const problems = strategyRuleViolations(input, (id) => Boolean(ctx.db.asset(id)));
      if (problems.length > 0)
        return response(422).json(errorBody('strategy_rules', 'The strategy breaks a rule.', problems));
      return response(200).json(
        save({ ...strategy, ...input, updatedAt: new Date().toISOString(), version: strategy.version + 1 }),
      );
    }),

    http.post('/api/strategies/{id}/investments', async ({ params, request, response }) => {
      await networkDelay(ctx);
      const user = ctx.user;
      if (!user) return response(401).json(unauthorized());
      if (!user.customerId) return response(403).json(forbidden());
      const key = request.headers.get('Idempotency-Key');
      if (!key || key.length < 8) {
        return response(400).json(
          errorBody('validation_failed', 'Idempotency-Key is required.', [
            { field: 'header.idempotency-key', reason: 'required, 8 to 128 characters' },
          ]),
        );
      }
      const replayId = ctx.db.state.investmentKeys[key];
      const replay = ctx.db.state.investments.find((candidate) => candidate.id === replayId);
      if (replay) return response(200).json(replay);
      const { accountId, amount } = await request.json();
      if (!/^(?!0+(\.0+)?$)\d{1,15}(\.\d{1,2})?$/.test(amount)) {
        return response(400).json(
          errorBody('validation_failed', 'The amount is not valid.', [
            { field: 'body.amount', reason: 'a positive amount with at most 2 decimals' },
          ]),
        );
      }
      const strategy = find(params.id);
      if (!strategy || strategy.status !== 'published') return response(404).json(notFound('The strategy'));
      const account = ctx.db.accountsOf(user.customerId).find((candidate) => candidate.id === accountId);
      if (!account) return response(404).json(notFound('The account'));
      // As the BFF answers (bff/src/flags/flag-store.ts requireFlag).
      if (!ctx.db.state.flags['strategies.invest'])
        return response(403).json(errorBody('feature_disabled', 'strategies.invest is turned off for you'));
      const belowMinimum = investmentBelowMinimum(strategy, amount);
      if (belowMinimum)
        return response(422).json(
          errorBody('investment_below_minimum', belowMinimum, [
            { field: 'body.amount', reason: belowMinimum },
          ]),
        );
      if (compare(account.cash.available, amount) < 0) {
        return response(422).json(
          errorBody(
            'insufficient_funds',
            `Not enough cash: ${account.cash.available} ${account.currency} is available.`,
          ),
        );
      }
      return response(201).json(invest(ctx, strategy, account.id, amount, user.customerId, key));
    }),

    http.post('/api/strategies/{id}/publish', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const strategy = find(params.id);
      if (!strategy) return response(404).json(notFound('The strategy'));
      if (strategy.status !== 'draft')
        return response(422).json(errorBody('not_a_draft', 'Only a draft can be published.'));
      const at = new Date().toISOString();
      return response(200).json(
        save({
          ...strategy,
          status: 'published',
          publishedAt: at,
          updatedAt: at,
          version: strategy.version + 1,
        }),
      );
    }),

    http.post('/api/strategies/{id}/retire', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const strategy = find(params.id);
      if (!strategy) return response(404).json(notFound('The strategy'));
      if (strategy.status !== 'published')
        return response(422).json(errorBody('not_published', 'Only a published strategy can be retired.'));
      const at = new Date().toISOString();
      return response(200).json(
        save({ ...strategy, status: 'retired', retiredAt: at, updatedAt: at, version: strategy.version + 1 }),
      );
    }),

    http.get('/api/investments', async ({ query, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const mine = ctx.db.state.investments
        .filter((investment) => investment.customerId === ctx.user?.customerId)
        .map(withStrategyName);
      return response(200).json(paginate(mine, query.get('page'), query.get('size')));
    }),

    http.get('/api/investments/{id}', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      const investment = ctx.db.state.investments.find((candidate) => candidate.id === params.id);
      if (!investment || investment.customerId !== ctx.user.customerId)
        return response(404).json(notFound('The investment'));
      return response(200).json(withStrategyName(investment));
    }),
  ];

  /** As the BFF does: the strategy's name, also once it is retired. */
  function withStrategyName<T extends { strategyId: string }>(investment: T): T & { strategyName?: string } {
    const strategy = ctx.db.state.strategies.find((candidate) => candidate.id === investment.strategyId);
    return strategy ? { ...investment, strategyName: strategy.name } : investment;
  }
}
