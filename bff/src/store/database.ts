import path from 'node:path';
import {
  migrate,
  openDatabase,
  type Database,
  type Queryable,
  type SharedPglite,
} from '@simplebank/service-kit';
import { bffMigrations } from './migrations.ts';

export type { Database, Queryable };

export interface BffDatabaseSettings {
  /** PostgreSQL (DATABASE_URL): what several instances share. Null: PGlite (see openBffDatabase). */
  databaseUrl: string | null;
  /** The schema of the BFF's tables, on PostgreSQL or in a shared PGlite (created when missing). */
  databaseSchema: string;
  dataDir: string;
}

/**
 * The BFF's one database, migrated: PostgreSQL with `databaseUrl`; else its schema in `shared`, the
 * PGlite the embedded services of this process already share (a PGlite costs ~280 MiB whatever it
 * holds, so a second one would double the embedded default's largest cost); else, with no embedded
 * services, a PGlite of its own in `<dataDir>/bff/db`.
 */
export async function openBffDatabase(
  settings: BffDatabaseSettings,
  shared?: SharedPglite,
): Promise<Database> {
  const db = await openDatabase({
    url: settings.databaseUrl ?? undefined,
    schema: settings.databaseSchema,
    dataDir: path.join(settings.dataDir, 'bff', 'db'),
    shared: settings.databaseUrl ? undefined : shared,
  });
  try {
    await migrate(db, 'bff', bffMigrations, { withKitTables: false });
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/**
 * One JSON document in `bff_documents`, changed as a whole: `update` reads it under a row lock and
 * writes it back in the same transaction, so two instances (or two requests) never lose an update.
 */
export class DocumentStore<T> {
  constructor(
    private readonly db: Database,
    readonly name: string,
    private readonly initial: () => T,
  ) {}

  async read(): Promise<T> {
    const rows = await this.db.query<{ doc: T }>('SELECT doc FROM bff_documents WHERE name = $1', [
      this.name,
    ]);
    return rows[0]?.doc ?? this.initial();
  }

  /**
   * Runs `change` on the latest document; writes its `state` when it returns one. `tx` is the
   * transaction, for rows that must commit with the document (and the only way to query inside it).
   */
  update<R>(
    change: (current: T, tx: Queryable) => Promise<{ state?: T; result: R }> | { state?: T; result: R },
  ): Promise<R> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO bff_documents (name, doc) VALUES ($1, $2::json) ON CONFLICT (name) DO NOTHING',
        [this.name, JSON.stringify(this.initial())],
      );
      const rows = await tx.query<{ doc: T }>('SELECT doc FROM bff_documents WHERE name = $1 FOR UPDATE', [
        this.name,
      ]);
      const current = rows[0]?.doc ?? this.initial();
      const { state, result } = await change(current, tx);
      if (state !== undefined)
        await tx.query('UPDATE bff_documents SET doc = $2::json WHERE name = $1', [
          this.name,
          JSON.stringify(state),
        ]);
      return result;
    });
  }
}
