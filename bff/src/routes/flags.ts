import type { FastifyInstance } from 'fastify';
import { contractRoute } from '../http/contract-route.ts';
import { requireRole, requireUser } from '../auth/auth-plugin.ts';
import { auditFrom, type BffContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { flagsFor, type AdminFlagSet, type FlagChanges } from '../flags/flag-store.ts';

export function flagRoutes(
  app: FastifyInstance,
  ctx: BffContext,
  onChange: (flags: AdminFlagSet) => void,
): void {
  contractRoute(app, ctx.contract, 'GET', '/api/flags', async (request) => {
    const user = requireUser(request);
    return flagsFor(await ctx.flags.get(), user.roles);
  });
  contractRoute(app, ctx.contract, 'GET', '/api/admin/flags', async (request) => {
    requireRole(request, 'admin');
    return ctx.flags.get();
  });
  contractRoute<{ Body: FlagChanges }>(app, ctx.contract, 'PUT', '/api/admin/flags', async (request) => {
    requireRole(request, 'admin');
    const next = await ctx.flags.set(request.body);
    await ctx.audit.record(
      auditFrom(request, { action: 'flags.set', outcome: 'success', detail: JSON.stringify(request.body) }),
    );
    onChange(next);
    return next;
  });
  contractRoute<{ Params: { name: string } }>(
    app,
    ctx.contract,
    'DELETE',
    '/api/admin/flags/{name}',
    async (request) => {
      const { name } = request.params;
      const next = await ctx.flags.delete(name);
      await ctx.audit.record(
        auditFrom(request, {
          action: 'flags.delete',
          target: `flag:${name}`,
          outcome: next ? 'success' : 'failure',
          detail: next ? null : 'not_found',
        }),
      );
      if (!next) throw notFound(`Flag ${name}`);
      onChange(next);
      return next;
    },
  );
}
