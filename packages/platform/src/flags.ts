export interface FlagSource {
  get(name: string): boolean;
  subscribe(cb: () => void): () => void;
}

/** Flags held in memory; the shell feeds it from the BFF and the `flags` realtime topic. Unknown flags are off. */
export function createStaticFlags(
  values: Record<string, boolean> = {},
): FlagSource & { set(name: string, v: boolean): void } {
  const current = new Map(Object.entries(values));
  const listeners = new Set<() => void>();
  return {
    get: (name) => current.get(name) ?? false,
    set(name, v) {
      if (current.get(name) === v) return;
      current.set(name, v);
      for (const cb of [...listeners]) cb();
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
