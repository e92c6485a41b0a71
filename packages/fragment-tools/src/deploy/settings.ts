import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DeployError } from './errors.ts';

export interface DeploySettings {
  url: string;
  token: string;
  /** Where the token came from, for error messages. */
  tokenSource: string;
}

/** The repository root: the nearest folder above `from` whose package.json declares workspaces. */
export async function findRepoRoot(from: string): Promise<string | null> {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const json = JSON.parse(await readFile(pkg, 'utf8')) as { workspaces?: unknown };
      if (json.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * SIMPLEBANK_URL (default http://localhost:3000) and the deploy token: REGISTRY_DEPLOY_TOKEN, or the
 * file the embedded BFF writes (`$REGISTRY_DIR` or `$SIMPLEBANK_DATA_DIR/registry` or
 * `<repo>/var/registry`, then `deploy-token`), as docs/CONTRACTS.md says.
 */
export async function resolveSettings(env: NodeJS.ProcessEnv, cwd: string): Promise<DeploySettings> {
  const url = (env.SIMPLEBANK_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (env.REGISTRY_DEPLOY_TOKEN)
    return { url, token: env.REGISTRY_DEPLOY_TOKEN, tokenSource: 'REGISTRY_DEPLOY_TOKEN' };
  const root = await findRepoRoot(cwd);
  const registryDir =
    env.REGISTRY_DIR ?? path.join(env.SIMPLEBANK_DATA_DIR ?? path.join(root ?? cwd, 'var'), 'registry');
  const file = path.join(registryDir, 'deploy-token');
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (token) return { url, token, tokenSource: file };
  } catch {
    // fall through to the explanation below
  }
  throw new DeployError(
    `No deploy token: set REGISTRY_DEPLOY_TOKEN, or start the BFF once in the embedded default (npm start) so it writes ${file}.`,
  );
}
