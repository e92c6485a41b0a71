import type { components } from '@simplebank/openapi';
import { DocumentStore, type Database } from '../store/database.ts';
import { ApiError } from '../http/errors.ts';

export type FlagSet = components['schemas']['FlagSet'];
export type AdminFlagSet = components['schemas']['AdminFlagSet'];
type Role = components['schemas']['Role'];

export interface FlagChanges {
  flags?: Record<string, boolean>;
  /** null removes a flag's targeting. */
  targeting?: Record<string, Role[] | null>;
}

/**
 * The flags as one user sees them: a flag that is on and targeted is on only for the roles it
 * targets. Every known flag is listed (false when off for this user), so a client that applies the
 * set also turns off what it had on before.
 */
export function flagsFor(set: AdminFlagSet, roles: readonly Role[]): FlagSet {
  const targeting = new Map(Object.entries(set.targeting));
  const flags: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const [name, on] of Object.entries(set.flags)) {
    const target = targeting.get(name);
    flags[name] = on === true && (target === undefined || target.some((role) => roles.includes(role)));
  }
  return { flags, version: set.version };
}

/** bff.yaml `FlagName`: the dot keeps a name from ever being a prototype key (`toString`, `__proto__`). */
export const FLAG_NAME = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;
export const isFlagName = (name: string): boolean => name.length <= 64 && FLAG_NAME.test(name);

/**
 * A copy holding only well-named entries, on a null-prototype object: a flags document written
 * before names were checked (a `toString` flag made every flag read fail) is read without them.
 */
function ownEntries<T>(record: Record<string, T> | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [name, value] of Object.entries(record ?? {})) if (isFlagName(name)) out[name] = value;
  return out;
}

/**
 * The embedded default (`npm start`) shows the whole product, so its flags start on; elsewhere a
 * flag starts off until an admin turns it on.
 */
export const EMBEDDED_DEFAULT_FLAGS: Readonly<Record<string, boolean>> = {
  'orders.limitOrders': true,
  'strategies.invest': true,
};

/**
 * Feature flags and their role targeting, one document (`flags`) in the database every instance
 * reads; every change bumps `version`.
 */
export class FlagStore {
  private readonly store: DocumentStore<AdminFlagSet>;

  constructor(db: Database, defaults: Record<string, boolean> = {}) {
    this.store = new DocumentStore(db, 'flags', () => ({
      flags: defaults,
      targeting: {},
      version: 0,
    }));
  }

  /** A document written before targeting existed has none. */
  async get(): Promise<AdminFlagSet> {
    const doc = await this.store.read();
    return { flags: ownEntries(doc.flags), targeting: ownEntries(doc.targeting), version: doc.version };
  }

  set(changes: FlagChanges): Promise<AdminFlagSet> {
    return this.store.update((doc) => {
      const flags = ownEntries(doc.flags);
      const targeting = ownEntries(doc.targeting);
      // The contract's FlagName pattern refused other names already; this keeps the store safe
      // whoever calls it.
      for (const [name, on] of Object.entries(changes.flags ?? {})) if (isFlagName(name)) flags[name] = on;
      for (const [name, roles] of Object.entries(changes.targeting ?? {})) {
        if (!isFlagName(name)) continue;
        if (roles === null) delete targeting[name];
        else targeting[name] = roles;
      }
      const next = { flags, targeting, version: doc.version + 1 };
      return { state: next, result: next };
    });
  }

  /** Removes a flag and its targeting; null when there was no such flag (nothing changes then). */
  delete(name: string): Promise<AdminFlagSet | null> {
    return this.store.update((doc) => {
      const flags = ownEntries(doc.flags);
      const targeting = ownEntries(doc.targeting);
      if (!Object.hasOwn(flags, name) && !Object.hasOwn(targeting, name)) return { result: null };
      delete flags[name];
      delete targeting[name];
      const next = { flags, targeting, version: doc.version + 1 };
      return { state: next, result: next };
    });
  }
}

/**
 * A feature behind a flag is closed on the server too, not only hidden in the UI: a client that
 * still shows it (an old tab, a script) gets 403 with the flag's name.
 */
export async function requireFlag(store: FlagStore, name: string, roles: readonly Role[]): Promise<void> {
  if (flagsFor(await store.get(), roles).flags[name]) return;
  throw new ApiError(403, 'feature_disabled', `${name} is turned off for you`);
}
