import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database.ts';
import { pgliteLeases } from './lease.ts';
import { PGLITE_PARSERS } from './pglite-parsers.ts';

/**
 * One PGlite for several services in one process (the embedded default), each service in its own
 * schema with its own migrations, as each has its own schema on PostgreSQL. A PGlite instance costs
 * ~280 MiB whatever its size, so four of them were most of `npm start`'s memory.
 *
 * PGlite is one session, and the search path is the session's. So every operation of a schema
 * takes the instance for itself, in turn (setting the search path when another schema had it), and
 * a transaction keeps it until it ends, its own statements going straight through. PGlite itself
 * already makes a statement wait for an open transaction; this only adds the search path.
 */
export class SharedPglite {
  private tail: Promise<void> = Promise.resolve();
  private searchPath: string | null = null;
  private closed = false;

  private constructor(private readonly pg: PGlite) {}

  /** Opens (or creates) the instance in `dataDir`; `memory://` keeps it in memory. */
  static async open(dataDir: string): Promise<SharedPglite> {
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    const pg = await PGlite.create(dataDir, { parsers: PGLITE_PARSERS });
    pg.parsers = { ...PGLITE_PARSERS };
    return new SharedPglite(pg);
  }

  /** Runs fn with the instance held for `schema`, its search path set. */
  private async hold<T>(schema: string, fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      if (this.searchPath !== schema) {
        await this.pg.exec(`SET search_path TO ${schema}`);
        this.searchPath = schema;
      }
      return await fn();
    } finally {
      release();
    }
  }

  /** The database of one service: its own schema, created when missing. */
  async database(schema: string): Promise<Omit<Database, 'usage'>> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    await this.pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const wrap = (q: Pick<PGlite, 'query' | 'exec'>, held: boolean): Queryable => ({
      query: async <T extends Row>(sql: string, params?: unknown[]) => {
        const run = async () => (await q.query<T>(sql, params)).rows;
        return held ? run() : this.hold(schema, run);
      },
      exec: async (sql: string) => {
        const run = async () => void (await q.exec(sql));
        return held ? run() : this.hold(schema, run);
      },
    });
    return {
      kind: 'pglite',
      ...wrap(this.pg, false),
      transaction: (fn) => this.hold(schema, () => this.pg.transaction((tx) => fn(wrap(tx, true)))),
      ping: async () => {
        await this.hold(schema, () => this.pg.query('SELECT 1'));
      },
      tryLease: pgliteLeases(),
      // The instance outlives each service's database: `close()` below ends it.
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await this.pg.close();
  }
}
