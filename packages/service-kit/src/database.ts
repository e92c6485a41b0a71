import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteLeases, tryPostgresLease, type Lease } from './lease.ts';
import { inSqlSpan, tracingEnabled } from './telemetry.ts';
import { withUsage, type DatabaseUsage } from './database-usage.ts';
import { PGLITE_PARSERS } from './pglite-parsers.ts';
import type { SharedPglite } from './shared-pglite.ts';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with $1.. parameters. */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: all of its statements commit, or none does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /**
   * Takes the lease called name when no one holds it (see lease.ts); null when another instance
   * sharing this database holds it.
   */
  tryLease(name: string): Promise<Lease | null>;
  close(): Promise<void>;
  /** What this service has sent to the database so far (database-usage.ts). */
  usage(): DatabaseUsage;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder (created when missing); `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL schema for this service's tables (created when missing); also its schema in `shared`. */
  schema?: string | undefined;
  /** One PGlite shared by the services of this process, each in its own `schema` (shared-pglite.ts). */
  shared?: SharedPglite | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Same values from both drivers: BIGINT as a JS number (minor units stay far below 2^53),
 * NUMERIC as its exact decimal string, timestamps as Date, JSONB as objects.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return withUsage(await openPostgres(options.url, options.schema, options.poolSize ?? 10));
  if (options.shared) {
    if (!options.schema) throw new Error('a database in a shared PGlite needs a schema');
    const db = await options.shared.database(options.schema);
    // Chosen once, as for a PGlite of its own: no span code runs with tracing off.
    return withUsage(
      tracingEnabled()
        ? { ...db, ...tracedPglite(db), transaction: (fn) => db.transaction((tx) => fn(tracedPglite(tx))) }
        : db,
    );
  }
  return withUsage(await openPglite(options.dataDir ?? 'memory://'));
}

async function openPglite(dataDir: string): Promise<Omit<Database, 'usage'>> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { parsers: PGLITE_PARSERS });
  db.parsers = { ...PGLITE_PARSERS }; // only these, once PGlite has added its own (pglite-parsers.ts)
  const plain = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const result = await q.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  // Chosen once: with tracing off the statements run exactly as without tracing code.
  const wrap = tracingEnabled() ? (q: Pick<PGlite, 'query' | 'exec'>) => tracedPglite(plain(q)) : plain;
  return {
    kind: 'pglite',
    ...wrap(db),
    tryLease: pgliteLeases(),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    ping: async () => {
      await db.query('SELECT 1');
    },
    close: async () => {
      if (!db.closed) await db.close();
    },
  };
}

/** A span per PGlite statement (PostgreSQL gets them from the official pg instrumentation). */
function tracedPglite(q: Queryable): Queryable {
  return {
    query: (sql, params) => inSqlSpan('postgresql', sql, () => q.query(sql, params)),
    exec: (sql) => inSqlSpan('postgresql', sql, () => q.exec(sql)),
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
}

async function openPostgres(
  url: string,
  schema: string | undefined,
  max: number,
): Promise<Omit<Database, 'usage'>> {
  const typeParser = ((oid: number, format?: string) => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === NUMERIC) return (v: string) => v;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser;
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } catch (error) {
      // Two instances starting at once: IF NOT EXISTS does not stop the second one's insert from
      // colliding with the first's (unique_violation); the schema exists either way.
      if ((error as { code?: string }).code !== '23505') throw error;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: { getTypeParser: typeParser },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const result = await q.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  let closed = false;
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    // Advisory locks are per database: the schema goes into the key so schemas never contend.
    tryLease: (name) => tryPostgresLease(url, schema ? `${schema}:${name}` : name),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Drops a schema and everything in it (test clean-up). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
}
