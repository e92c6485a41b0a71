import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './database.ts';

/**
 * A secret from configuration; in the embedded default, a random one generated once and kept in the
 * database (`bff_secrets`), so every instance on that database uses the same. Null outside the
 * embedded default without one.
 *
 * `exportTo` also writes it to a local file (mode 600) for the local tools that read it (the deploy
 * CLI, a Prometheus config); the BFF itself never reads that file back.
 */
export async function resolveLocalSecret(opts: {
  configured: string | null;
  name: string;
  db: Database;
  embedded: boolean;
  exportTo?: string;
}): Promise<string | null> {
  if (opts.configured) return opts.configured;
  if (!opts.embedded) return null;
  // The first instance to start wins; the others read its value.
  await opts.db.query('INSERT INTO bff_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    opts.name,
    randomBytes(32).toString('base64url'),
  ]);
  const rows = await opts.db.query<{ value: string }>('SELECT value FROM bff_secrets WHERE name = $1', [
    opts.name,
  ]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error(`secret ${opts.name} could not be stored`);
  if (opts.exportTo) await writeFileAtomic(opts.exportTo, secret + '\n', 0o600);
  return secret;
}

/** Writes a file atomically (temp + rename) with the given mode. */
async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, file);
}
