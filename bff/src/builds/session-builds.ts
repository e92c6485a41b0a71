import path from 'node:path';
import type { components } from '@simplebank/openapi';
import { JsonStateStore } from '../store/json-state-store.ts';

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
 * customer see"). Small on purpose, so the storage behind it can change (a JSON file today).
 */
export interface SessionBuildStore {
  /** Replaces what the session reported before. */
  record(report: Omit<SessionBuilds, 'reportedAt'>): Promise<void>;
  /** The builds of a session, or null when it reported none. */
  ofSession(sid: string): Promise<FragmentBuild[] | null>;
  /** The user's sessions that reported builds and have not expired, newest report first. */
  ofUser(userId: string): Promise<SessionBuilds[]>;
}

type Doc = Record<string, SessionBuilds>;

/**
 * `var/bff/session-builds.json`, kept in memory; another BFF instance sharing the folder may have
 * taken the report, so each read looks at the file again (one stat when it did not change, as
 * `RevokedSessions` does on every request).
 */
export class JsonSessionBuildStore implements SessionBuildStore {
  private readonly store: JsonStateStore<Doc>;
  private sessions = new Map<string, SessionBuilds>();

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new JsonStateStore(path.join(dataDir, 'session-builds.json'), () => ({}));
  }

  async init(): Promise<void> {
    this.sessions = new Map(Object.entries(await this.store.read()));
  }

  private live = (s: SessionBuilds) => s.exp * 1000 > this.now();

  private async refresh(): Promise<void> {
    const doc = await this.store.readIfChanged();
    if (doc) this.sessions = new Map(Object.entries(doc));
  }

  async record(report: Omit<SessionBuilds, 'reportedAt'>): Promise<void> {
    const entry: SessionBuilds = { ...report, reportedAt: new Date(this.now()).toISOString() };
    this.sessions.set(entry.sid, entry);
    await this.store.update((doc) => {
      // Expired sessions' reports are of no use any more: dropped so the file stays small.
      const kept = Object.fromEntries(
        Object.entries({ ...doc, [entry.sid]: entry }).filter(([, s]) => this.live(s)),
      );
      return { state: kept, result: undefined };
    });
  }

  async ofSession(sid: string): Promise<FragmentBuild[] | null> {
    await this.refresh();
    const found = this.sessions.get(sid);
    return found && this.live(found) ? found.fragments : null;
  }

  async ofUser(userId: string): Promise<SessionBuilds[]> {
    await this.refresh();
    return [...this.sessions.values()]
      .filter((s) => s.userId === userId && this.live(s))
      .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
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
