import path from 'node:path';
import type { components } from '@simplebank/openapi';
import { JsonStateStore } from '../store/json-state-store.ts';
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
  const flags: Record<string, boolean> = {};
  for (const [name, on] of Object.entries(set.flags)) {
    const target = set.targeting[name];
    flags[name] = on && (target === undefined || target.some((role) => roles.includes(role)));
  }
  return { flags, version: set.version };
}

/**
 * The embedded default (`npm start`) shows the whole product, so its flags start on; elsewhere a
 * flag starts off until an admin turns it on.
 */
export const EMBEDDED_DEFAULT_FLAGS: Readonly<Record<string, boolean>> = {
  'orders.limitOrders': true,
  'strategies.invest': true,
};

/** Feature flags and their role targeting in `var/bff/flags.json`; every change bumps `version`. */
export class FlagStore {
  private readonly store: JsonStateStore<AdminFlagSet>;

  constructor(dataDir: string, defaults: Record<string, boolean> = {}) {
    this.store = new JsonStateStore(path.join(dataDir, 'flags.json'), () => ({
      flags: defaults,
      targeting: {},
      version: 0,
    }));
  }

  /** A file written before targeting existed has none. */
  async get(): Promise<AdminFlagSet> {
    const doc = await this.store.read();
    return { ...doc, targeting: doc.targeting ?? {} };
  }

  set(changes: FlagChanges): Promise<AdminFlagSet> {
    return this.store.update((doc) => {
      const targeting = { ...(doc.targeting ?? {}) };
      for (const [name, roles] of Object.entries(changes.targeting ?? {})) {
        if (roles === null) delete targeting[name];
        else targeting[name] = roles;
      }
      const next = { flags: { ...doc.flags, ...changes.flags }, targeting, version: doc.version + 1 };
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
