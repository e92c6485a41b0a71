import { randomUUID } from 'node:crypto';
import { serverSuite } from '@simplebank/events';
import { dropSchema, type DatabaseOptions } from './database.ts';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StorageTarget {
  name: 'PGlite' | 'PostgreSQL';
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
