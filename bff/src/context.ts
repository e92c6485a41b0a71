import type { BffConfig } from './config.ts';
import type { Contract } from './contract/openapi.ts';
import type { FragmentRegistry } from './registry/registry.ts';
import type { UserStore } from './auth/user-store.ts';
import type { AuthOptions } from './auth/auth-plugin.ts';
import type { AuditLog, AuditInput } from './audit/audit-log.ts';
import type { FlagStore } from './flags/flag-store.ts';
import type { FastifyRequest } from 'fastify';
import type { SessionSockets } from './realtime/realtime.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { Database } from './store/database.ts';
import type { SessionBuildStore } from './builds/session-builds.ts';

/** What the route modules share. */
export interface BffContext {
  config: BffConfig;
  /** Users, sessions, audit log, flags, registry and secrets: shared by every instance on it. */
  database: Database;
  contract: Contract;
  registry: FragmentRegistry;
  users: UserStore;
  auth: AuthOptions;
  audit: AuditLog;
  flags: FlagStore;
  deployToken: string | null;
  /** The realtime sockets of a session or user, ended or re-scoped with it. */
  sockets: SessionSockets;
  /** Failed logins per username and per address, shared by the instances through Redis when configured. */
  loginThrottle: LoginThrottle;
  /** The fragment builds each session's browser reported (shown to admins, added to spans and audit). */
  builds: SessionBuildStore;
}

/** Audit entry for the current request: who (user or deploy token) and the request id. */
export function auditFrom(
  request: FastifyRequest,
  entry: Pick<AuditInput, 'action' | 'outcome'> & Partial<AuditInput>,
): AuditInput {
  return {
    userId: request.user?.id ?? null,
    username: request.user?.username ?? null,
    target: null,
    detail: null,
    requestId: String(request.id),
    ...entry,
  };
}
