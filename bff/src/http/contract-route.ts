import type {
  FastifyInstance,
  FastifyRequest,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from 'fastify';
import type { components } from '@simplebank/openapi';
import { toFastifyPath, type Contract } from '../contract/openapi.ts';
import { requireRole, requireUser } from '../auth/auth-plugin.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Role = components['schemas']['Role'];

/**
 * Who may call a route, decided from the request line and headers alone: `public` needs nothing,
 * `session` a logged-in user (with `role` when given), `custom` a check of the route's own (the
 * registry's deploy token or admin session).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'session'; role?: Role }
  | { kind: 'custom'; authorize: (request: FastifyRequest) => void | Promise<void> };

export interface ContractRouteOptions extends RouteShorthandOptions {
  /** The role every caller needs (checked before the body is read); `admin` under /api/admin/. */
  role?: Role;
  /** Replaces the check derived from the contract's `security` (e.g. the registry's deploy token). */
  authorize?: (request: FastifyRequest) => void | Promise<void>;
  /** Largest body this route accepts; the app-wide default (`BODY_LIMIT`) otherwise. */
  bodyLimit?: number;
}

export interface RouteAccess {
  kind: Access['kind'];
  role?: Role;
}
const accessByApp = new WeakMap<FastifyInstance, Map<string, RouteAccess>>();

/** Who may call each contract route of an app, by `METHOD /openapi/path` (docs and tests). */
export function routeAccess(app: FastifyInstance): ReadonlyMap<string, RouteAccess> {
  return accessByApp.get(app) ?? new Map();
}

/**
 * The access a bff.yaml operation declares: public when one of its security requirements is empty
 * or asks for no credential (`csrfHeader` alone, the login), otherwise a session.
 */
export function accessFromContract(contract: Contract, method: Method, path: string): 'public' | 'session' {
  const security = contract.securityOf(method, path);
  const credentials = new Set(['sessionCookie', 'deployToken']);
  const open = security.some((requirement) => !Object.keys(requirement).some((s) => credentials.has(s)));
  return open ? 'public' : 'session';
}

/**
 * Registers a route for one bff.yaml operation: the request schemas come from the contract (so
 * Fastify answers 400 with field and reason) and, in strict mode, its responses are checked against
 * it (contract-responses.ts). No Fastify response schemas: fast-json-stringify compiling every
 * operation's answers cost each app start ~0.3 s of CPU (2 s for the first), and bff.yaml's
 * `oneOf … null` fields make it validate each value while writing it.
 *
 * Authentication and the role check run in the route's `onRequest` hook, before Fastify reads the
 * body: an anonymous caller gets 401 and a customer on an admin route 403 whatever they send, without
 * the BFF parsing their body or answering with the schema's fields and patterns.
 */
export function contractRoute<RG extends RouteGenericInterface = RouteGenericInterface>(
  app: FastifyInstance,
  contract: Contract,
  method: Method,
  path: string,
  handler: RouteHandlerMethod<never, never, never, RG>,
  options: ContractRouteOptions = {},
): void {
  const { authorize, role: declaredRole, ...routeOptions } = options;
  // Everything under /api/admin/ is the back office: admins only unless the route says otherwise.
  const role = declaredRole ?? (path.startsWith('/api/admin/') ? 'admin' : undefined);
  const access: Access = authorize
    ? { kind: 'custom', authorize }
    : accessFromContract(contract, method, path) === 'public' && role === undefined
      ? { kind: 'public' }
      : { kind: 'session', ...(role ? { role } : {}) };
  const known = accessByApp.get(app) ?? new Map<string, RouteAccess>();
  accessByApp.set(app, known);
  known.set(`${method} ${path}`, {
    kind: access.kind,
    ...(access.kind === 'session' && access.role ? { role: access.role } : {}),
  });
  app.route<RG>({
    ...(routeOptions as object),
    method,
    url: toFastifyPath(path),
    schema: contract.requestSchemas(method.toLowerCase() as 'get', path),
    config: { ...(routeOptions.config ?? {}), operation: { method, path } },
    onRequest: async (request) => {
      if (access.kind === 'custom') await access.authorize(request);
      else if (access.kind === 'session') {
        if (access.role) requireRole(request, access.role);
        else requireUser(request);
      }
    },
    handler: handler as never,
  });
}
