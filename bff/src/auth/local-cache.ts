import { LRUCache } from 'lru-cache';
import type { Database } from '../store/database.ts';

/**
 * Caches of what every request reads (the session's user, whether the session was logged out),
 * kept only where this process sees every write: a PGlite lives in one process, so each change to
 * it goes through a `LocalCache` of this process, which drops the entry in every cache over the
 * same database (the apps of one process sharing it, as bff/test/shared-database.test.ts stands two
 * instances on one PGlite) before the change is answered. On PostgreSQL other instances write too:
 * there is no cache and every request reads the database.
 */
export class LocalCache<V extends object> {
  private static readonly byDatabase = new WeakMap<Database, Map<string, Set<(key: string) => void>>>();
  private readonly entries: LRUCache<string, V> | null;
  private readonly peers: Set<(key: string) => void> | null;
  private readonly drop = (key: string) => {
    this.writes++;
    this.entries?.delete(key);
  };
  /** Bumped by every invalidation: a read that started before one may be stale and is not kept. */
  private writes = 0;

  constructor(db: Database, name: string, max = 10_000) {
    if (db.kind !== 'pglite') {
      this.entries = null;
      this.peers = null;
      return;
    }
    this.entries = new LRUCache<string, V>({ max });
    const named = LocalCache.byDatabase.get(db) ?? new Map<string, Set<(key: string) => void>>();
    LocalCache.byDatabase.set(db, named);
    this.peers = named.get(name) ?? new Set();
    named.set(name, this.peers);
    this.peers.add(this.drop);
  }

  /** The cached value, or what `load` reads (remembered unless null). */
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries?.get(key);
    if (hit !== undefined) return hit;
    const writesBefore = this.writes;
    const value = await load();
    if (value !== null && this.writes === writesBefore) this.entries?.set(key, value);
    return value;
  }

  /** After a write: every cache over this database reads the key again next time. */
  invalidate(key: string): void {
    for (const drop of this.peers ?? []) drop(key);
  }

  /** When the app closes: it no longer needs to hear about writes. */
  detach(): void {
    this.peers?.delete(this.drop);
  }
}
