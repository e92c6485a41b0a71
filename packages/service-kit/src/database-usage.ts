import type { Database, Queryable } from './database.ts';

/** Statements and transactions a service has sent to its database since it opened it. */
export interface DatabaseUsage {
  /** Every statement, BEGIN and COMMIT/ROLLBACK included (an `exec` of a script counts once). */
  statements: number;
  transactions: number;
  /** Statements by their text (whitespace folded), BEGIN and COMMIT included: only with `tallyStatements(true)`. */
  byStatement?: Record<string, number>;
}

let tallying = false;

/**
 * Counts each statement by its text too, in the databases opened from now on (the
 * statements-per-order benchmark says where the statements go; off by default).
 */
export function tallyStatements(on: boolean): void {
  tallying = on;
}

/**
 * Counts what goes to the database, for `/metrics` (db_statements_total, db_transactions_total)
 * and for the statements-per-order benchmark (bench/services/statements.ts).
 */
export function withUsage(db: Omit<Database, 'usage'>): Database {
  const usage: DatabaseUsage = { statements: 0, transactions: 0 };
  const byStatement = tallying ? new Map<string, number>() : null;
  const tally = (sql: string) => {
    if (!byStatement) return;
    const key = sql.replace(/\s+/g, ' ').trim();
    byStatement.set(key, (byStatement.get(key) ?? 0) + 1);
  };
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      usage.statements++;
      tally(sql);
      return q.query(sql, params);
    },
    exec: (sql) => {
      usage.statements++;
      tally(sql);
      return q.exec(sql);
    },
  });
  return {
    ...db,
    ...counted(db),
    transaction: (fn) => {
      usage.transactions++;
      usage.statements += 2; // BEGIN, then COMMIT or ROLLBACK
      tally('BEGIN … COMMIT');
      tally('BEGIN … COMMIT');
      return db.transaction((tx) => fn(counted(tx)));
    },
    usage: () => ({
      ...usage,
      ...(byStatement ? { byStatement: Object.fromEntries(byStatement) } : {}),
    }),
  };
}
