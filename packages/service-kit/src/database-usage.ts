import type { Database, Queryable } from './database.ts';

/** Statements and transactions a service has sent to its database since it opened it. */
export interface DatabaseUsage {
  /** Every statement, BEGIN and COMMIT/ROLLBACK included (an `exec` of a script counts once). */
  statements: number;
  transactions: number;
}

/**
 * Counts what goes to the database, for `/metrics` (db_statements_total, db_transactions_total)
 * and for the statements-per-order benchmark (bench/services/statements.ts).
 */
export function withUsage(db: Omit<Database, 'usage'>): Database {
  const usage: DatabaseUsage = { statements: 0, transactions: 0 };
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      usage.statements++;
      return q.query(sql, params);
    },
    exec: (sql) => {
      usage.statements++;
      return q.exec(sql);
    },
  });
  return {
    ...db,
    ...counted(db),
    transaction: (fn) => {
      usage.transactions++;
      usage.statements += 2; // BEGIN, then COMMIT or ROLLBACK
      return db.transaction((tx) => fn(counted(tx)));
    },
    usage: () => ({ ...usage }),
  };
}
