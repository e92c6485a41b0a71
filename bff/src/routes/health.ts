import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import type { BffContext } from '../context.ts';

type Dependency = components['schemas']['DependencyState'];
export type DependencyCheck = {
  name: string;
  critical: boolean;
  check: () => Promise<Omit<Dependency, 'name' | 'status'> | void>;
  /** Circuit-breaker state, reported even when the check fails. */
  breaker?: () => NonNullable<Dependency['breaker']>;
};

/** Runs each check with a short deadline: a dependency that hangs is reported down, not awaited. */
async function probe(dep: DependencyCheck, timeoutMs: number): Promise<Dependency> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const extra = await Promise.race([
      dep.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return {
      name: dep.name,
      status: 'up',
      latencyMs: Math.round(performance.now() - started),
      ...(extra ?? {}),
    };
  } catch (err) {
    return {
      name: dep.name,
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      detail: (err as Error).message,
      ...(dep.breaker ? { breaker: dep.breaker() } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(
  deps: DependencyCheck[],
  version: string,
): Promise<components['schemas']['Readiness']> {
  const results = await Promise.all(deps.map((d) => probe(d, 2000)));
  const criticalDown = results.some((r, i) => r.status === 'down' && deps[i]?.critical);
  const anyDown = results.some((r) => r.status !== 'up');
  return {
    status: criticalDown ? 'unavailable' : anyDown ? 'degraded' : 'ok',
    version,
    dependencies: results,
  };
}

export function healthRoutes(app: FastifyInstance, ctx: BffContext, deps: DependencyCheck[]): void {
  contractRoute(app, ctx.contract, 'GET', '/api/health/live', async () => ({ status: 'ok' as const }), {
    logLevel: 'warn',
  });
  contractRoute(
    app,
    ctx.contract,
    'GET',
    '/api/health/ready',
    async (request, reply) => {
      const state = await readiness(deps, ctx.config.version);
      const code = state.status === 'unavailable' ? 503 : 200;
      // Which dependency is down, its breaker and our version help an attacker pick a target:
      // a load balancer needs only up or down (bff.yaml, Readiness); admins see the rest.
      if (request.user?.roles.includes('admin')) return reply.code(code).send(state);
      return reply.code(code).send({ status: code === 503 ? 'unavailable' : 'ok' });
    },
    { logLevel: 'warn' },
  );
}
