import { timingSafeEqual, createHash } from 'node:crypto';
import path from 'node:path';
import { resolveLocalSecret } from '../store/local-secret.ts';

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
  return resolveLocalSecret({
    configured: opts.configured,
    file: path.join(opts.registryDir, 'deploy-token'),
    embedded: opts.embedded,
  });
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
