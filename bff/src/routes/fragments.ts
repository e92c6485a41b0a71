import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError } from '../http/errors.ts';
import { requireRole, cookieIsSecure } from '../auth/auth-plugin.ts';
import { tokenMatches } from '../registry/deploy-token.ts';
import type { FragmentMeta, RegistryChange } from '../registry/registry.ts';
import { auditFrom, type BffContext } from '../context.ts';

type S = components['schemas'];
export const VISITOR_COOKIE = 'sb_vid';

/**
 * Who may change the registry: the deploy token (`Authorization: Bearer`) or an admin session.
 * A wrong token is refused (403) rather than treated as anonymous, so the CLI can say so.
 */
function registryActor(request: FastifyRequest, ctx: BffContext): string {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1])
      throw new ApiError(401, 'unauthenticated', 'Authorization must be "Bearer <deploy token>"');
    if (ctx.deployToken === null || !tokenMatches(ctx.deployToken, match[1].trim())) {
      throw new ApiError(403, 'token_refused', 'The deploy token was refused');
    }
    return 'deploy-token';
  }
  return requireRole(request, 'admin').id;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who changes the registry: `deploy-token` or the admin's user id (set before the body is read). */
    registryActor: string | null;
  }
}

/** The path parameters as sent, cut short: they are not validated yet when a caller is refused. */
function rawTarget(request: FastifyRequest): string {
  const { name, version } = (request.params ?? {}) as { name?: string; version?: string };
  const safe = (v: string | undefined) => (v ?? '').replace(/[^A-Za-z0-9._-]/g, '?').slice(0, 64);
  return `fragment:${safe(name)}${version === undefined ? '' : `@${safe(version)}`}`;
}

/**
 * The registry routes' `onRequest` check: the actor is known before the body (up to 64 MiB on an
 * upload) is read, and every refusal (no token, wrong token, a customer's session) is audited.
 */
function authorizeRegistry(ctx: BffContext, action: string) {
  return async (request: FastifyRequest): Promise<void> => {
    try {
      request.registryActor = registryActor(request, ctx);
    } catch (err) {
      await ctx.audit.record(
        auditFrom(request, {
          action,
          target: rawTarget(request),
          outcome: 'denied',
          detail: err instanceof ApiError ? err.code : 'error',
        }),
      );
      throw err;
    }
  };
}

/** Canary subject: the user, or the visitor cookie (created here) when anonymous. */
function canarySubject(request: FastifyRequest, reply: FastifyReply, ctx: BffContext): string {
  if (request.user) return `user:${request.user.id}`;
  let vid = request.cookies[VISITOR_COOKIE];
  if (!vid || !/^[A-Za-z0-9-]{8,64}$/.test(vid)) {
    vid = randomUUID();
    reply.setCookie(VISITOR_COOKIE, vid, {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieIsSecure(request, ctx.config.secureCookies),
      path: '/',
      maxAge: 365 * 24 * 3600,
    });
  }
  return `visitor:${vid}`;
}

/** The actor `authorizeRegistry` found; a route without that check is a programming error. */
function actorOf(request: FastifyRequest): string {
  if (!request.registryActor) throw new Error('registry route without authorizeRegistry');
  return request.registryActor;
}

export function fragmentRoutes(
  app: FastifyInstance,
  ctx: BffContext,
  onChange: (change: RegistryChange) => void,
): void {
  const { contract, registry, audit } = ctx;
  app.decorateRequest('registryActor', null);

  contractRoute(app, contract, 'GET', '/api/fragments', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return registry.publicList(canarySubject(request, reply, ctx));
  });

  contractRoute(app, contract, 'GET', '/api/admin/fragments', async () => registry.adminState(), {
    authorize: authorizeRegistry(ctx, 'fragment.list'),
  });

  /** Runs a registry change and records it in the audit log either way. */
  async function audited<T>(
    request: FastifyRequest,
    action: string,
    target: string,
    run: (by: string) => Promise<T>,
  ): Promise<T> {
    const by = actorOf(request);
    const who = {
      userId: request.user?.id ?? null,
      username: request.user?.username ?? (by === 'deploy-token' ? 'deploy-token' : null),
    };
    try {
      const result = await run(by);
      await audit.record(auditFrom(request, { action, target, outcome: 'success', ...who }));
      return result;
    } catch (err) {
      const detail = err instanceof ApiError ? err.code : 'error';
      await audit.record(auditFrom(request, { action, target, outcome: 'failure', detail, ...who }));
      throw err;
    }
  }

  contractRoute<{ Params: { name: string; version: string }; Body: S['FragmentUpload'] }>(
    app,
    contract,
    'PUT',
    '/api/admin/fragments/{name}/versions/{version}',
    async (request, reply) => {
      const { name, version } = request.params;
      const result = await audited(request, 'fragment.publish', `fragment:${name}@${version}`, () =>
        registry.publish(
          name,
          version,
          request.body.fragment as FragmentMeta,
          request.body.files.map((f) => ({ path: f.path, content: Buffer.from(f.contentBase64, 'base64') })),
          { ownOrigin: `${request.protocol}://${request.host}` },
        ),
      );
      return reply.code(result.created ? 201 : 200).send(result.info);
    },
    // The only route with the large limit; its caller is known before the body is read.
    { bodyLimit: ctx.config.uploadBodyLimit, authorize: authorizeRegistry(ctx, 'fragment.publish') },
  );

  const changed = (change: RegistryChange) => {
    onChange(change);
    return change;
  };

  contractRoute<{ Params: { name: string }; Body: { version: string; expectedRevision?: number } }>(
    app,
    contract,
    'POST',
    '/api/admin/fragments/{name}/activate',
    async (request) => {
      const { name } = request.params;
      const { version, expectedRevision } = request.body;
      return changed(
        await audited(request, 'fragment.activate', `fragment:${name}@${version}`, (by) =>
          registry.activate(name, version, { by, expectedRevision }),
        ),
      );
    },
    { authorize: authorizeRegistry(ctx, 'fragment.activate') },
  );

  contractRoute<{ Params: { name: string }; Body: { expectedRevision?: number } | undefined }>(
    app,
    contract,
    'POST',
    '/api/admin/fragments/{name}/rollback',
    async (request) => {
      const { name } = request.params;
      return changed(
        await audited(request, 'fragment.rollback', `fragment:${name}`, (by) =>
          registry.rollback(name, { by, expectedRevision: request.body?.expectedRevision }),
        ),
      );
    },
    { authorize: authorizeRegistry(ctx, 'fragment.rollback') },
  );

  contractRoute<{
    Params: { name: string };
    Body: { version: string; percent: number; expectedRevision?: number };
  }>(
    app,
    contract,
    'PUT',
    '/api/admin/fragments/{name}/canary',
    async (request) => {
      const { name } = request.params;
      const { version, percent, expectedRevision } = request.body;
      return changed(
        await audited(request, 'fragment.canary', `fragment:${name}@${version}`, (by) =>
          registry.setCanary(name, version, percent, { by, expectedRevision }),
        ),
      );
    },
    { authorize: authorizeRegistry(ctx, 'fragment.canary') },
  );

  contractRoute<{ Params: { name: string } }>(
    app,
    contract,
    'DELETE',
    '/api/admin/fragments/{name}/canary',
    async (request) => {
      const { name } = request.params;
      return changed(
        await audited(request, 'fragment.canary.clear', `fragment:${name}`, (by) =>
          registry.clearCanary(name, { by }),
        ),
      );
    },
    { authorize: authorizeRegistry(ctx, 'fragment.canary.clear') },
  );
}
