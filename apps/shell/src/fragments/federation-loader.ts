import { loadRemote, registerRemotes } from '@module-federation/runtime';
import type { FragmentCandidate } from '../registry/types.ts';
import type { FragmentComponent, FragmentLoader } from './loader.ts';

/** The two calls of the module federation runtime the shell uses (the runtime @module-federation/vite initialises). */
export interface FederationRuntime {
  registerRemotes(remotes: { name: string; entry: string }[], options?: { force?: boolean }): void;
  loadRemote<T>(id: string): Promise<T | null>;
}

const defaultRuntime: FederationRuntime = { registerRemotes, loadRemote };

/** A remote that accepts connections but never answers must still end in the fallback and a retry. */
export const LOAD_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not load within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Loads fragments with the module federation runtime, registering each remote from the registry
 * at run time (nothing is baked in at build time). Successful loads are cached per version, so
 * moving between a fragment's routes does not load it again; a failed load is forgotten, and the
 * retry re-registers the remote with `force`, which drops the runtime's cached manifest and entry
 * (otherwise the runtime would keep answering with the first failure).
 */
export function createFederationLoader(
  runtime: FederationRuntime = defaultRuntime,
  baseUrl?: string,
  timeoutMs: number = LOAD_TIMEOUT_MS,
): FragmentLoader {
  const loads = new Map<string, Promise<FragmentComponent>>();
  const registered = new Map<string, string>();

  return {
    load(name, candidate: FragmentCandidate, { fresh }) {
      const key = `${name}@${candidate.version}`;
      const cached = loads.get(key);
      if (cached && !fresh) return cached;

      const entry = new URL(candidate.manifestUrl, baseUrl ?? globalThis.location?.href).href;
      if (fresh || registered.get(name) !== entry) {
        runtime.registerRemotes([{ name, entry }], { force: registered.has(name) });
        registered.set(name, entry);
      }
      const what = `Fragment "${name}" ${candidate.version}`;
      const promise = withTimeout(
        runtime.loadRemote<{ default?: FragmentComponent }>(`${name}/Fragment`),
        timeoutMs,
        what,
      ).then((module) => {
        // The runtime resolves null instead of throwing for some failures (e.g. an error hook swallowed it).
        if (!module || typeof module.default !== 'function')
          throw new Error(`${what} did not export a component`);
        return module.default;
      });
      loads.set(key, promise);
      promise.catch(() => {
        if (loads.get(key) === promise) loads.delete(key);
      });
      return promise;
    },
  };
}
