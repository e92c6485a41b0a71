import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../http/errors.ts';
import {
  decodeClaims,
  encodeClaims,
  newSessionId,
  SESSION_COOKIE,
  type RevokedSessions,
  type SessionClaims,
} from './sessions.ts';
import type { Role, SessionUser, UserStore } from './user-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user (roles read from the user store on every request), or null. */
    user: SessionUser | null;
    sessionClaims: { sid: string; exp: number } | null;
  }
}

export interface AuthOptions {
  users: UserStore;
  revoked: RevokedSessions;
  ttlSeconds: number;
  secureCookies: boolean | 'auto';
}

const isLocalHost = (hostname: string) =>
  /^(localhost|127\.0\.0\.1|\[::1\])$/.test(hostname.replace(/:\d+$/, ''));

export function cookieIsSecure(request: FastifyRequest, setting: boolean | 'auto'): boolean {
  return setting === 'auto' ? !isLocalHost(request.hostname) : setting;
}

export interface ResolvedSession {
  user: SessionUser;
  claims: SessionClaims;
}

/**
 * The session a signed `sb_session` cookie value stands for, or null when it is forged, expired or
 * revoked, or its user is gone. HTTP requests and realtime sockets both authenticate through here,
 * so a logout or role change holds for both alike.
 */
export async function resolveSession(
  opts: AuthOptions,
  signedValue: string | undefined,
  unsign: (value: string) => { valid: boolean; value: string | null },
): Promise<ResolvedSession | null> {
  if (!signedValue) return null;
  const unsigned = unsign(signedValue);
  if (!unsigned.valid || unsigned.value === null) return null;
  const claims = decodeClaims(unsigned.value);
  if (!claims || claims.exp * 1000 <= Date.now()) return null;
  // Read from the database on every request: another instance may have ended this session or
  // changed this user a moment ago.
  const [revoked, user] = await Promise.all([opts.revoked.isRevoked(claims.sid), opts.users.get(claims.uid)]);
  return !revoked && user ? { user, claims } : null;
}

/** Resolves the session cookie into `request.user` before any route runs. */
export function installAuth(app: FastifyInstance, opts: AuthOptions): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionClaims', null);
  app.addHook('onRequest', async (request) => {
    const session = await resolveSession(opts, request.cookies[SESSION_COOKIE], (v) =>
      request.unsignCookie(v),
    );
    if (!session) return;
    request.user = session.user;
    request.sessionClaims = { sid: session.claims.sid, exp: session.claims.exp };
    request.log = request.log.child({ userId: session.user.id });
  });
}

export function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser,
  opts: AuthOptions,
): { expiresAt: string } {
  const exp = Math.floor(Date.now() / 1000) + opts.ttlSeconds;
  reply.setCookie(SESSION_COOKIE, encodeClaims({ sid: newSessionId(), uid: user.id, exp }), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(request, opts.secureCookies),
    path: '/',
    maxAge: opts.ttlSeconds,
  });
  return { expiresAt: new Date(exp * 1000).toISOString() };
}

export function clearSession(request: FastifyRequest, reply: FastifyReply, opts: AuthOptions): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(request, opts.secureCookies),
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export function requireRole(request: FastifyRequest, role: Role): SessionUser {
  const user = requireUser(request);
  if (!user.roles.includes(role)) throw forbidden(`Requires the ${role} role`);
  return user;
}
