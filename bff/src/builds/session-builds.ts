import type { components } from '@simplebank/openapi';
import type { Database } from '../store/database.ts';

export type FragmentBuild = components['schemas']['FragmentBuild'];

/** What one session reported: the builds its browser loaded, and when. */
export interface SessionBuilds {
  sid: string;
  userId: string;
  /** Session expiry (epoch seconds): the record is dropped with the session. */
  exp: number;
  reportedAt: string;
  fragments: FragmentBuild[];
}

/**
 * Where the fragment builds each session reported are kept (issue 14, "which build did this
 * customer see"). Small on purpose, so the storage behind it can change (a table today).
 */
export interface SessionBuildStore {
  /** Replaces what the session reported before. */
  record(report: Omit<SessionBuilds, 'reportedAt'>): Promise<void>;
  /** The builds of a session, or null when it reported none. */
  ofSession(sid: string): Promise<FragmentBuild[] | null>;
  /** The user's sessions that reported builds and have not expired, newest report first. */
  ofUser(userId: string): Promise<SessionBuilds[]>;
}

type SessionBuildsRow = {
  sid: string;
  user_id: string;
  exp: Date;
  reported_at: Date;
  fragments: FragmentBuild[];
};

const toSessionBuilds = (row: SessionBuildsRow): SessionBuilds => ({
  sid: row.sid,
  userId: row.user_id,
  exp: Math.floor(row.exp.getTime() / 1000),
  reportedAt: row.reported_at.toISOString(),
  fragments: row.fragments,
});

/**
 * `bff_session_builds`, one row per session, in the database every BFF instance reads: a report
 * made through one instance is what the admin sees through any other.
 */
export class DbSessionBuildStore implements SessionBuildStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async record(report: Omit<SessionBuilds, 'reportedAt'>): Promise<void> {
    const now = new Date(this.now());
    await this.db.query(
      `INSERT INTO bff_session_builds (sid, user_id, exp, reported_at, fragments)
       VALUES ($1, $2, to_timestamp($3), $4, $5::json)
       ON CONFLICT (sid) DO UPDATE SET user_id = EXCLUDED.user_id, exp = EXCLUDED.exp,
         reported_at = EXCLUDED.reported_at, fragments = EXCLUDED.fragments`,
      [report.sid, report.userId, report.exp, now, JSON.stringify(report.fragments)],
    );
    // Expired sessions' reports are of no use any more: dropped so the table stays small.
    await this.db.query('DELETE FROM bff_session_builds WHERE exp <= $1', [now]);
  }

  async ofSession(sid: string): Promise<FragmentBuild[] | null> {
    const [row] = await this.db.query<SessionBuildsRow>(
      'SELECT fragments FROM bff_session_builds WHERE sid = $1 AND exp > $2',
      [sid, new Date(this.now())],
    );
    return row ? row.fragments : null;
  }

  async ofUser(userId: string): Promise<SessionBuilds[]> {
    const rows = await this.db.query<SessionBuildsRow>(
      `SELECT sid, user_id, exp, reported_at, fragments FROM bff_session_builds
       WHERE user_id = $1 AND exp > $2 ORDER BY reported_at DESC`,
      [userId, new Date(this.now())],
    );
    return rows.map(toSessionBuilds);
  }
}

/**
 * Span attributes for a session's builds: `simplebank.fragment.<name>.version` and
 * `simplebank.fragment.<name>.canary`, so a trace can be searched by the build that served it.
 */
export function buildAttributes(builds: readonly FragmentBuild[]): Record<string, string | boolean> {
  const attributes: Record<string, string | boolean> = {};
  for (const build of builds) {
    attributes[`simplebank.fragment.${build.name}.version`] = build.version;
    attributes[`simplebank.fragment.${build.name}.canary`] = build.canary;
  }
  return attributes;
}
