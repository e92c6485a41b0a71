import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError, unauthorized } from '../http/errors.ts';
import { clearSession, requireUser, startSession } from '../auth/auth-plugin.ts';
import { auditFrom, type BffContext } from '../context.ts';
import { browserTelemetry } from './telemetry.ts';

type LoginRequest = components['schemas']['LoginRequest'];
type SessionBuildsReport = components['schemas']['SessionBuildsReport'];

export function sessionRoutes(app: FastifyInstance, ctx: BffContext): void {
  const { contract, users, auth, audit } = ctx;

  contractRoute<{ Body: LoginRequest }>(app, contract, 'POST', '/api/session', async (request, reply) => {
    const { username, password } = request.body;
    const attempt = await ctx.loginThrottle.begin(username, request.ip);
    if (!attempt.admitted) {
      const seconds = Math.max(1, Math.ceil(attempt.retryAfterMs / 1000));
      reply.header('retry-after', String(seconds));
      throw new ApiError(429, 'too_many_requests', `Too many failed logins; retry in ${seconds} s`);
    }
    const user = await users.verify(username, password);
    if (!user) {
      await audit.record(
        auditFrom(request, {
          action: 'session.login',
          outcome: 'denied',
          username,
          detail: 'invalid credentials',
        }),
      );
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    await ctx.loginThrottle.succeeded(username, request.ip);
    const { expiresAt } = startSession(request, reply, user, auth);
    await audit.record(
      auditFrom(request, {
        action: 'session.login',
        outcome: 'success',
        userId: user.id,
        username: user.username,
      }),
    );
    return { user, expiresAt };
  });

  contractRoute(app, contract, 'GET', '/api/session', async (request) => {
    const user = requireUser(request);
    return { user, expiresAt: new Date((request.sessionClaims?.exp ?? 0) * 1000).toISOString() };
  });

  // The shell's first question on every page load: a logged-out visitor is a normal answer here
  // (200, null), so the browser logs no failed request; GET /api/session keeps its 401.
  contractRoute(app, contract, 'GET', '/api/session/current', async (request) => {
    const user = request.user;
    // While tracing is on the shell loads the browser's tracing and sends its spans there.
    const telemetry = browserTelemetry(ctx);
    const extra = telemetry ? { telemetry } : {};
    if (!user || !request.sessionClaims) return { session: null, ...extra };
    return {
      session: { user, expiresAt: new Date(request.sessionClaims.exp * 1000).toISOString() },
      ...extra,
    };
  });

  contractRoute<{ Body: SessionBuildsReport }>(
    app,
    contract,
    'PUT',
    '/api/session/builds',
    async (request, reply) => {
      const user = requireUser(request);
      const claims = request.sessionClaims;
      if (!claims) throw unauthorized();
      const names = request.body.fragments.map((f) => f.name);
      const repeated = names.findIndex((name, index) => names.indexOf(name) !== index);
      if (repeated !== -1) {
        throw new ApiError(400, 'bad_request', 'A fragment is reported twice', [
          { field: `body.fragments.${repeated}.name`, reason: `${names[repeated]} is already in the list` },
        ]);
      }
      await ctx.builds.record({
        sid: claims.sid,
        userId: user.id,
        exp: claims.exp,
        fragments: request.body.fragments,
      });
      return reply.code(204).send();
    },
  );

  contractRoute(app, contract, 'DELETE', '/api/session', async (request, reply) => {
    if (request.sessionClaims && request.user) {
      await ctx.auth.revoked.revoke(request.sessionClaims.sid, request.sessionClaims.exp);
      // The session's open sockets end with it, on every instance (bff/src/realtime/realtime.ts).
      ctx.sockets.endSession(request.sessionClaims.sid);
      await audit.record(auditFrom(request, { action: 'session.logout', outcome: 'success' }));
    }
    clearSession(request, reply, auth);
    return reply.code(204).send();
  });
}
