import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { createContext, useContext, useEffect } from 'react';
import type { FragmentCandidate, FragmentRecord } from '../registry/types.ts';

export type FragmentBuild = Schema<'FragmentBuild'>;

/**
 * The fragment builds this page has mounted (name, version, canary or not): reported to the BFF
 * with the session, so an admin can see which builds served a customer, and put on the browser's
 * spans while tracing is on (docs/OBSERVABILITY.md).
 */
export class LoadedBuilds {
  private readonly builds = new Map<string, FragmentBuild>();
  private readonly listeners = new Set<() => void>();

  /** Records a mounted fragment; listeners hear only of a change. */
  add(build: FragmentBuild): void {
    const known = this.builds.get(build.name);
    if (known?.version === build.version && known.canary === build.canary) return;
    this.builds.set(build.name, build);
    for (const listener of this.listeners) listener();
  }

  list(): FragmentBuild[] {
    return [...this.builds.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The build a slot mounted: a canary only when it is the version the registry chose as one. */
export function buildOf(record: FragmentRecord, candidate: FragmentCandidate): FragmentBuild {
  return {
    name: record.name,
    version: candidate.version,
    canary: record.channel === 'canary' && record.candidates[0]?.version === candidate.version,
  };
}

export const LoadedBuildsContext = createContext<LoadedBuilds | null>(null);

export function useLoadedBuilds(): LoadedBuilds | null {
  return useContext(LoadedBuildsContext);
}

/**
 * Reports the page's builds for the current session: at once (a new login keeps the fragments
 * already loaded) and on every change. A failed report is not worth the user's attention.
 */
export function useReportBuilds(api: ApiClient, builds: LoadedBuilds | undefined): void {
  useEffect(() => {
    if (!builds) return undefined;
    const report = () => {
      const fragments = builds.list();
      if (fragments.length === 0) return;
      api.PUT('/api/session/builds', { body: { fragments } }).catch(() => undefined);
    };
    report();
    return builds.subscribe(report);
  }, [api, builds]);
}
