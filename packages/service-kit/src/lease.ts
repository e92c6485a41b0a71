import pg from 'pg';

/**
 * Something only one instance may do at a time (the market's price ticks): a session-level
 * PostgreSQL advisory lock held on a connection of its own. PostgreSQL lets go of it when that
 * connection ends, so when the holder dies (even by SIGKILL: the kernel closes its socket) another
 * instance gets it on its next try.
 */
export interface Lease {
  /** False once released or once the connection holding it was lost (stop the leased work then). */
  readonly held: boolean;
  release(): Promise<void>;
}

/** The connection's application_name (PostgreSQL keeps 63 bytes of it). */
export function leaseLabel(name: string): string {
  return `lease:${name}`.slice(0, 63);
}

/** A connection of its own per lease, so the pool's connections never carry the lock. */
export async function tryPostgresLease(url: string, name: string): Promise<Lease | null> {
  // Named, so operators (and tests) see in pg_stat_activity which connection holds which lease.
  const client = new pg.Client({
    connectionString: url,
    keepAlive: true,
    application_name: leaseLabel(name),
  });
  let held = false;
  const lost = () => {
    held = false;
  };
  client.on('error', lost);
  client.on('end', lost);
  try {
    await client.connect();
    const [row] = (await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [`lease:${name}`]))
      .rows as { got: boolean }[];
    held = row?.got === true;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  if (!held) {
    await client.end().catch(() => undefined);
    return null;
  }
  return {
    get held() {
      return held;
    },
    async release() {
      if (!held) return;
      held = false;
      // Ending the connection releases the lock; no explicit unlock needed.
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * PGlite is one process's own database, so its one instance always holds the lease; the map
 * keeps a second caller in that process from holding it too.
 */
export function pgliteLeases(): (name: string) => Promise<Lease | null> {
  const taken = new Set<string>();
  return async (name) => {
    if (taken.has(name)) return null;
    taken.add(name);
    let held = true;
    return {
      get held() {
        return held;
      },
      async release() {
        held = false;
        taken.delete(name);
      },
    };
  };
}
