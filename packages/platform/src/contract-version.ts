/**
 * Semver of the shell ⇄ fragment contract (docs/CONTRACTS.md). Fragments record it in
 * `fragment.json` at build time; the registry refuses, and the shell skips, a fragment whose
 * major differs from its own.
 */
export const PLATFORM_CONTRACT_VERSION = '2.0.0';
