import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/**
 * The monorepo root: the nearest folder above this module that holds `openapi/services`. Found by
 * walking up because this module runs both from its source (packages/service-kit/src) and bundled
 * into the BFF's build (bff/dist/main.mjs, bff/scripts/build.mjs).
 */
export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'openapi', 'services'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '../../..');
  }
}

/** Where a service keeps its files: `<SIMPLEBANK_DATA_DIR or var>/services/<name>`. */
export function serviceDataDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(
    env.SIMPLEBANK_DATA_DIR ? resolve(env.SIMPLEBANK_DATA_DIR) : join(repoRoot, 'var'),
    'services',
    name,
  );
}

/** The OpenAPI contract of a service. */
export function serviceSpecPath(name: string): string {
  return join(repoRoot, 'openapi', 'services', `${name}.yaml`);
}
