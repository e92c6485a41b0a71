import { randomBytes } from 'node:crypto';
import type { Database } from '../store/database.ts';
import { resolveLocalSecret } from '../store/local-secret.ts';
import { LocalCache } from './local-cache.ts';

export const SESSION_COOKIE = 'sb_session';

export interface SessionClaims {
  /** Session id, so one session can be revoked at logout. */
  sid: string;
  uid: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

export function encodeClaims(claims: SessionClaims): string {
  return Buffer.from(JSON.stringify(claims)).toString('base64url');
}

export function decodeClaims(value: string): SessionClaims | null {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    if (typeof c.sid !== 'string' || typeof c.uid !== 'string' || typeof c.exp !== 'number') return null;
    return { sid: c.sid, uid: c.uid, exp: c.exp };
  } catch {
    return null;
  }
}

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Sessions are signed cookies (any BFF instance with the same secret accepts them), so the only
 * server state is the list of sessions ended by logout before their expiry, in the database every
 * instance reads: a logout on one instance holds on all of them from the next request. On PGlite
 * the answer is cached per session until a logout through this process drops it (local-cache.ts).
 */
export class RevokedSessions {
  private readonly bySid: LocalCache<{ revoked: boolean }>;

  constructor(private readonly db: Database) {
    this.bySid = new LocalCache(db, 'revoked-sessions');
  }

  /** Stops hearing about writes (the app closes). */
  close(): void {
    this.bySid.detach();
  }

  async isRevoked(sid: string): Promise<boolean> {
    const answer = await this.bySid.get(sid, async () => {
      const rows = await this.db.query('SELECT 1 FROM bff_revoked_sessions WHERE sid = $1', [sid]);
      return { revoked: rows.length > 0 };
    });
    return answer?.revoked ?? false;
  }

  async revoke(sid: string, exp: number): Promise<void> {
    await this.db.query(
      `INSERT INTO bff_revoked_sessions (sid, expires_at) VALUES ($1, to_timestamp($2))
       ON CONFLICT (sid) DO NOTHING`,
      [sid, exp],
    );
    this.bySid.invalidate(sid);
    // Expired sessions are refused anyway: drop them so the table stays small.
    await this.db.query('DELETE FROM bff_revoked_sessions WHERE expires_at <= now()');
  }
}

/** SESSION_SECRET, or in the embedded default a random one kept in the database. */
export async function resolveSessionSecret(opts: {
  configured: string | null;
  db: Database;
  embedded: boolean;
}): Promise<string> {
  if (opts.configured) return opts.configured;
  if (!opts.embedded) throw new Error('SESSION_SECRET must be set outside the embedded default');
  const secret = await resolveLocalSecret({ ...opts, name: 'session-secret' });
  if (!secret) throw new Error('no session secret');
  return secret;
}
