import { readFile } from 'node:fs/promises';
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import path from 'node:path';
import { writeFileAtomic } from '../store/json-state-store.ts';

/**
 * The deploy token: `REGISTRY_DEPLOY_TOKEN` when set; in the embedded default a random token kept in
 * `<registryDir>/deploy-token` (mode 600), created at first start, which `sb-fragment` reads.
 * Null means token deploys are off (production without a token: admins only).
 */
export async function resolveDeployToken(opts: {
  configured: string | null;
  registryDir: string;
  embedded: boolean;
}): Promise<string | null> {
  if (opts.configured) return opts.configured;
  if (!opts.embedded) return null;
  const file = path.join(opts.registryDir, 'deploy-token');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = randomBytes(32).toString('base64url');
  await writeFileAtomic(file, token + '\n', 0o600);
  return token;
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
