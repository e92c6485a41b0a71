import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from './json-state-store.ts';

/**
 * A secret from configuration; in the embedded default, a random one kept in `file` (mode 600),
 * created at first start so local tools can read it. Null outside the embedded default without one.
 */
export async function resolveLocalSecret(opts: {
  configured: string | null;
  file: string;
  embedded: boolean;
}): Promise<string | null> {
  if (opts.configured) return opts.configured;
  if (!opts.embedded) return null;
  try {
    const existing = (await readFile(opts.file, 'utf8')).trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFileAtomic(opts.file, secret + '\n', 0o600);
  return secret;
}
