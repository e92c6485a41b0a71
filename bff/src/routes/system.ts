import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { requireRole } from '../auth/auth-plugin.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import type { BffContext } from '../context.ts';
import { readiness, type DependencyCheck } from './health.ts';

type ReadModelLag = components['schemas']['ReadModelLag'];

/**
 * The orders read model's lag, or null when the orders service cannot say: the admin's system page
 * still shows every service's health when orders is down (its breaker state says why).
 */
async function ordersReadModel(
  downstreams: Downstreams,
  call: ReturnType<typeof callContext>,
): Promise<ReadModelLag | null> {
  try {
    const { body } = await ok(
      downstreams
        .api('orders', { ...call, deadline: Math.min(call.deadline, Date.now() + 1500) })
        .GET('/read-model/status'),
    );
    return {
      eventsBehind: body.eventsBehind,
      secondsBehind: body.secondsBehind,
      lagMs: body.lagMs,
      lastProjectedAt: body.lastProjectedAt,
    };
  } catch {
    return null;
  }
}

/** GET /api/admin/system: each dependency's readiness and breaker, and the orders read model's lag. */
export function systemRoutes(
  app: FastifyInstance,
  ctx: BffContext,
  dependencies: DependencyCheck[],
  downstreams: Downstreams,
): void {
  contractRoute(app, ctx.contract, 'GET', '/api/admin/system', async (request) => {
    requireRole(request, 'admin');
    const [state, lag] = await Promise.all([
      readiness(dependencies, ctx.config.version),
      ordersReadModel(downstreams, callContext(request)),
    ]);
    return { ...state, ordersReadModel: lag };
  });
}
