import { randomUUID } from 'node:crypto';
import { serverSuite } from '@simplebank/events';
import { SharedPglite } from './shared-pglite.ts';
import { dropSchema, type DatabaseOptions } from './database.ts';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StorageTarget {
  name: 'PGlite' | 'PGlite shared by several schemas' | 'PostgreSQL';
  run: boolean;
  /** Fresh, isolated storage for one test (own PGlite in memory, or own PostgreSQL schema). */
  options(): DatabaseOptions;
  cleanup(): Promise<void>;
}

/**
 * The storage implementations a contract suite runs against. PostgreSQL is skipped with a printed
 * reason when it does not answer (and fails the run when SIMPLEBANK_REQUIRE_SERVERS=1).
 */
export async function storageTargets(): Promise<StorageTarget[]> {
  const postgres = await serverSuite('PostgreSQL', '127.0.0.1', 5432);
  const schemas: string[] = [];
  return [
    { name: 'PGlite', run: true, options: () => ({ dataDir: 'memory://' }), cleanup: async () => undefined },
    await sharedPgliteTarget(),
    {
      name: 'PostgreSQL',
      run: postgres.run,
      options: () => {
        const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
        schemas.push(schema);
        return { url: TEST_POSTGRES_URL, schema, poolSize: 20 };
      },
      cleanup: async () => {
        for (const schema of schemas.splice(0)) await dropSchema(TEST_POSTGRES_URL, schema);
      },
    },
  ];
}

/**
 * Each database a schema of one PGlite that another service uses at the same time (a busy
 * neighbour writing in its own schema, in transactions), as in the embedded default
 * (shared-pglite.ts).
 */
async function sharedPgliteTarget(): Promise<StorageTarget> {
  const shared = await SharedPglite.open('memory://');
  const neighbour = await shared.database('neighbour');
  await neighbour.exec('CREATE TABLE IF NOT EXISTS busy (n INT)');
  let stopped = true;
  let busy: Promise<void> = Promise.resolve();
  const schemas: string[] = [];
  return {
    name: 'PGlite shared by several schemas',
    run: true,
    options: () => {
      if (stopped) {
        stopped = false;
        busy = (async () => {
          while (!stopped)
            await neighbour.transaction(async (tx) => {
              await tx.query('INSERT INTO busy (n) VALUES (1)');
              await new Promise((resolve) => setTimeout(resolve, 1));
            });
        })();
      }
      const schema = `s_${schemas.length + 1}_${randomUUID().slice(0, 8)}`.replace(/-/g, '');
      schemas.push(schema);
      return { shared, schema };
    },
    cleanup: async () => {
      stopped = true;
      await busy;
      for (const schema of schemas.splice(0)) await neighbour.exec(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
