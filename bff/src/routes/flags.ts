import type { FastifyInstance } from 'fastify';
import { contractRoute } from '../http/contract-route.ts';
import { requireRole, requireUser } from '../auth/auth-plugin.ts';
import { auditFrom, type BffContext } from '../context.ts';

export function flagRoutes(app: FastifyInstance, ctx: BffContext, onChange: (flags: Awaited<ReturnType<BffContext['flags']['get']>>) => void): void {
  contractRoute(app, ctx.contract, 'GET', '/api/flags', async (request) => {
    requireUser(request);
    return ctx.flags.get();
  });
  contractRoute(app, ctx.contract, 'GET', '/api/admin/flags', async (request) => {
    requireRole(request, 'admin');
    return ctx.flags.get();
  });
  contractRoute<{ Body: { flags: Record<string, boolean> } }>(app, ctx.contract, 'PUT', '/api/admin/flags', async (request) => {
    requireRole(request, 'admin');
    const next = await ctx.flags.set(request.body.flags);
    await ctx.audit.record(auditFrom(request, { action: 'flags.set', outcome: 'success', detail: JSON.stringify(request.body.flags) }));
    onChange(next);
    return next;
  });
}
