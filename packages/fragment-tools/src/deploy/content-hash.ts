import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface DistFile {
  /** Relative, `/`-separated path inside `dist/`. */
  path: string;
  content: Buffer;
}

/**
 * sha256 (hex) over the dist files, as docs/CONTRACTS.md defines it and the registry's seeding
 * computes it: for each file sorted by path, `<path>\0<sha256 hex of content>\n`.
 */
export function contentHash(files: DistFile[]): string {
  const outer = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    outer.update(`${file.path}\0${createHash('sha256').update(file.content).digest('hex')}\n`);
  }
  return outer.digest('hex');
}

/** `<package.json version>-<first 10 hex of the content hash>`: same content, same version. */
export function fragmentVersion(packageVersion: string, files: DistFile[]): string {
  return `${packageVersion}-${contentHash(files).slice(0, 10)}`;
}

export async function readDist(dir: string): Promise<DistFile[]> {
  const out: DistFile[] = [];
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) out.push({ path: rel, content: await readFile(path.join(dir, rel)) });
    }
  };
  await walk('');
  return out;
}
