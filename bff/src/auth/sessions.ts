import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { JsonStateStore, writeFileAtomic } from '../store/json-state-store.ts';

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
 * server state is the list of sessions ended by logout before their expiry.
 */
export class RevokedSessions {
  private readonly store: JsonStateStore<Record<string, number>>;
  private revoked = new Map<string, number>();

  constructor(dataDir: string) {
    this.store = new JsonStateStore(path.join(dataDir, 'revoked-sessions.json'), () => ({}));
  }

  async init(): Promise<void> {
    this.revoked = new Map(Object.entries(await this.store.read()));
  }

  /** Picks up logouts made on another instance sharing the data folder. */
  async refresh(): Promise<void> {
    const doc = await this.store.readIfChanged();
    if (doc) for (const [sid, exp] of Object.entries(doc)) this.revoked.set(sid, exp);
  }

  isRevoked(sid: string): boolean {
    return this.revoked.has(sid);
  }

  async revoke(sid: string, exp: number): Promise<void> {
    const now = Date.now() / 1000;
    this.revoked.set(sid, exp);
    await this.store.update((doc) => {
      // Expired sessions are refused anyway: drop them so the file stays small.
      const kept = Object.fromEntries(Object.entries({ ...doc, [sid]: exp }).filter(([, e]) => e > now));
      for (const [id, e] of this.revoked) if (e <= now) this.revoked.delete(id);
      return { state: kept, result: undefined };
    });
  }
}

/** SESSION_SECRET, or in the embedded default a random one kept in `var/bff/session-secret`. */
export async function resolveSessionSecret(opts: {
  configured: string | null;
  dataDir: string;
  embedded: boolean;
}): Promise<string> {
  if (opts.configured) return opts.configured;
  if (!opts.embedded) throw new Error('SESSION_SECRET must be set outside the embedded default');
  const file = path.join(opts.dataDir, 'session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFileAtomic(file, secret + '\n', 0o600);
  return secret;
}
