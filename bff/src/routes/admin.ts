import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { requireRole } from '../auth/auth-plugin.ts';
import { auditFrom, type BffContext } from '../context.ts';
import type { AuditFilter } from '../audit/audit-log.ts';

type Role = components['schemas']['Role'];

/** Users, roles and the audit log: state the BFF owns itself. */
export function adminRoutes(app: FastifyInstance, ctx: BffContext): void {
  contractRoute(app, ctx.contract, 'GET', '/api/admin/users', async (request) => {
    requireRole(request, 'admin');
    return { items: await ctx.users.list() };
  });

  contractRoute<{ Body: components['schemas']['CreateUserRequest'] }>(
    app,
    ctx.contract,
    'POST',
    '/api/admin/users',
    async (request, reply) => {
      requireRole(request, 'admin');
      const { username, roles } = request.body;
      const user = await ctx.users.create(request.body);
      // The password never reaches the audit log: only who was created with which roles.
      await ctx.audit.record(
        auditFrom(request, {
          action: 'user.create',
          target: `user:${user?.id ?? username}`,
          outcome: user ? 'success' : 'failure',
          detail: roles.join(','),
        }),
      );
      if (!user) throw new ApiError(409, 'username_taken', `The username ${username} is taken`);
      return reply.code(201).send(user);
    },
  );

  contractRoute<{ Params: { id: string }; Body: { roles: Role[] } }>(
    app,
    ctx.contract,
    'PUT',
    '/api/admin/users/{id}/roles',
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params;
      const { roles } = request.body;
      if (id === admin.id && !roles.includes('admin')) {
        throw new ApiError(422, 'cannot_demote_self', 'An admin cannot remove their own admin role');
      }
      const user = await ctx.users.setRoles(id, roles);
      await ctx.audit.record(
        auditFrom(request, {
          action: 'user.roles',
          target: `user:${id}`,
          outcome: user ? 'success' : 'failure',
          detail: roles.join(','),
        }),
      );
      if (!user) throw notFound(`User ${id}`);
      // Open sockets follow the new roles at once: a demoted admin stops getting everyone's pushes.
      ctx.sockets.rescopeUser(user);
      return user;
    },
  );

  contractRoute<{ Params: { id: string } }>(
    app,
    ctx.contract,
    'GET',
    '/api/admin/users/{id}/builds',
    async (request) => {
      requireRole(request, 'admin');
      const sessions = await ctx.builds.ofUser(request.params.id);
      return { items: sessions.map((s) => ({ reportedAt: s.reportedAt, fragments: s.fragments })) };
    },
  );

  contractRoute<{ Querystring: AuditFilter }>(
    app,
    ctx.contract,
    'GET',
    '/api/admin/audit',
    async (request) => {
      requireRole(request, 'admin');
      return ctx.audit.query(request.query);
    },
  );
}
