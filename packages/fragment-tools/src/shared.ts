/**
 * The modules shell and fragments share as singletons (docs/CONTRACTS.md). One list for both sides:
 * a package shared by one side only would be loaded twice, and React or the platform's contexts
 * would silently split in two.
 */
export const SHARED_SINGLETONS = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'socket.io-client',
  '@simplebank/platform',
] as const;

export interface SharedEntry {
  singleton: true;
  requiredVersion: false;
  eager?: boolean;
}

/**
 * The `shared` option of `@module-federation/vite`. `requiredVersion: false` because the
 * workspace installs one version of each; compatibility across builds is carried by the platform
 * contract version instead (the shell skips a fragment of another contract major).
 * `eager` is for the host, which needs these at boot anyway.
 */
export function sharedSingletons(opts: { eager?: boolean } = {}): Record<string, SharedEntry> {
  return Object.fromEntries(
    SHARED_SINGLETONS.map((name) => [
      name,
      { singleton: true, requiredVersion: false, ...(opts.eager ? { eager: true } : {}) },
    ]),
  );
}
