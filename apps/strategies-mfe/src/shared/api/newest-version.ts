import { replaceEqualDeep } from '@tanstack/react-query';

/**
 * A query's `structuralSharing` for a resource that carries a version: the cache never goes back to
 * an older version. A push can land while a read is in flight, and that read (taken before the
 * push's change) answers after it; without this, its older answer would replace the pushed one and
 * stay until the next push, which may never come (the last change of an investment is its outcome).
 */
export function keepNewestVersion(previous: unknown, next: unknown): unknown {
  const version = (data: unknown) =>
    typeof data === 'object' && data !== null && 'version' in data && typeof data.version === 'number'
      ? data.version
      : undefined;
  const before = version(previous);
  const after = version(next);
  if (before !== undefined && after !== undefined && before > after) return previous;
  return replaceEqualDeep(previous, next);
}
