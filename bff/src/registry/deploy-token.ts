import { timingSafeEqual, createHash } from 'node:crypto';
import path from 'node:path';
import { resolveLocalSecret } from '../store/local-secret.ts';
import type { Database } from '../store/database.ts';

/**
 * The deploy token: `REGISTRY_DEPLOY_TOKEN` when set; in the embedded default a random token
 * created at first start and kept in the database, copied to `<registryDir>/deploy-token` (mode
 * 600) for `sb-fragment` to read. Null means token deploys are off (production without a token:
 * admins only).
 */
export async function resolveDeployToken(opts: {
  configured: string | null;
  registryDir: string;
  db: Database;
  embedded: boolean;
}): Promise<string | null> {
  return resolveLocalSecret({
    configured: opts.configured,
    name: 'deploy-token',
    db: opts.db,
    embedded: opts.embedded,
    exportTo: path.join(opts.registryDir, 'deploy-token'),
  });
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
