import type { Database } from './database.ts';

export interface Migration {
  /** Ordered, never renamed once shipped: `001-accounts`. */
  id: string;
  sql: string;
}

/** Tables every service has: the transactional outbox and the consumer inbox. */
export const kitMigrations: Migration[] = [
  {
    id: 'kit-001-outbox-inbox',
    sql: `
      CREATE TABLE outbox (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        message JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        published_at TIMESTAMPTZ
      );
      CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
      CREATE TABLE inbox (
        consumer TEXT NOT NULL,
        message_id TEXT NOT NULL,
        processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );
    `,
  },
];

/**
 * Applies the migrations not applied yet, in order, each in its own transaction. An advisory lock
 * keeps two instances of a service that start together from migrating at the same time.
 * `withKitTables: false` leaves out the outbox and inbox, for a store that publishes no events (the BFF).
 */
export async function migrate(
  db: Database,
  service: string,
  migrations: Migration[],
  opts: { withKitTables?: boolean } = {},
): Promise<string[]> {
  const all = [...(opts.withKitTables === false ? [] : kitMigrations), ...migrations];
  // Under the lock too: two instances creating the table at once collide even with IF NOT EXISTS.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${service}`]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
  });
  const applied: string[] = [];
  for (const migration of all) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${service}`]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (done.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    });
  }
  return applied;
}
