import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The monorepo root (this file is packages/service-kit/src/paths.ts). */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

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
