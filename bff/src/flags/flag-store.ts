import path from 'node:path';
import type { components } from '@simplebank/openapi';
import { JsonStateStore } from '../store/json-state-store.ts';

export type FlagSet = components['schemas']['FlagSet'];

/** Feature flags in `var/bff/flags.json`; every change bumps `version`. */
export class FlagStore {
  private readonly store: JsonStateStore<FlagSet>;

  constructor(dataDir: string, defaults: Record<string, boolean> = {}) {
    this.store = new JsonStateStore(path.join(dataDir, 'flags.json'), () => ({ flags: defaults, version: 0 }));
  }

  get(): Promise<FlagSet> {
    return this.store.read();
  }

  set(changes: Record<string, boolean>): Promise<FlagSet> {
    return this.store.update((doc) => {
      const next = { flags: { ...doc.flags, ...changes }, version: doc.version + 1 };
      return { state: next, result: next };
    });
  }
}
