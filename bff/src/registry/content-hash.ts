import { createHash } from 'node:crypto';

export interface FragmentFile {
  /** Relative, `/`-separated path inside the fragment's dist folder. */
  path: string;
  content: Buffer;
}

/**
 * sha256 (hex) over a set of files, independent of their order: for each file sorted by path,
 * `<path>\0<sha256 hex of content>\n`. The deploy CLI computes the same value
 * (docs/CONTRACTS.md), so the registry can check that a version names its content.
 */
export function contentHash(files: FragmentFile[]): string {
  const outer = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    outer.update(`${file.path}\0${createHash('sha256').update(file.content).digest('hex')}\n`);
  }
  return outer.digest('hex');
}

/** `<package.json version>-<first 10 hex of the content hash>` */
export function versionFor(packageVersion: string, files: FragmentFile[]): string {
  return `${packageVersion}-${contentHash(files).slice(0, 10)}`;
}

/** A safe relative path: no absolute paths, no `..`, no backslashes, no empty segments. */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0 || p.length > 300 || p.startsWith('/') || p.includes('\\') || p.includes('\0'))
    return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
