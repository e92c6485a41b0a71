import type { FastifyInstance } from 'fastify';
import { contractRoute } from '../http/contract-route.ts';
import { requireUser } from '../auth/auth-plugin.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import { minorToMoney } from '../downstream/mapping.ts';
import type { BffContext } from '../context.ts';

/** GET /api/fees: the fee schedule and the minimums, as the services enforce them. */
export function feeRoutes(app: FastifyInstance, ctx: BffContext, downstreams: Downstreams): void {
  const { contract } = ctx;

  // The ticket and the invest page estimate the fee and explain the minimums before submitting:
  // the fee schedule is the accounts service's, the minimums the orders and strategies services'
  // (the ones they enforce), passed through in money strings (the services speak minor units).
  contractRoute(app, contract, 'GET', '/api/fees', async (request) => {
    requireUser(request);
    const call = callContext(request);
    const [fees, orderRules, investmentRules] = await Promise.all([
      ok(downstreams.api('accounts', call).GET('/fees')),
      ok(downstreams.api('orders', call).GET('/order-rules')),
      ok(downstreams.api('strategies', call).GET('/investment-rules')),
    ]);
    return {
      ratePercent: fees.body.ratePercent,
      minimum: minorToMoney(fees.body.minimumMinor),
      minimumOrderValue: minorToMoney(orderRules.body.minimumOrderValueMinor),
      minimumInvestment: minorToMoney(investmentRules.body.minimumInvestmentMinor),
    };
  });
}
