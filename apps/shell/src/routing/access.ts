import type { Role, SessionUser } from '@simplebank/platform';
import type { FragmentRecord, NavEntry } from '../registry/types.ts';

/** Does `pathname` fall under `prefix` (the prefix itself or a path below it, never `/adminx` for `/admin`)? */
export function isUnder(pathname: string, prefix: string): boolean {
  if (prefix === '/') return true;
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return pathname === trimmed || pathname.startsWith(`${trimmed}/`);
}

/**
 * The fragment that owns `pathname`: the record with the longest matching route prefix, so
 * `/admin/strategies` goes to strategies even though admin owns `/admin`.
 */
export function matchFragment(pathname: string, records: FragmentRecord[]): FragmentRecord | null {
  let best: { record: FragmentRecord; length: number } | null = null;
  for (const record of records) {
    for (const route of record.routes) {
      if (isUnder(pathname, route) && (!best || route.length > best.length))
        best = { record, length: route.length };
    }
  }
  return best?.record ?? null;
}

function hasRole(user: Pick<SessionUser, 'roles'>, role: Role | null | undefined): boolean {
  return role == null || user.roles.includes(role);
}

/**
 * May `user` open `pathname` of `record`? The fragment's own requiredRole, and the requiredRole of
 * the most specific nav entry covering the path (a fragment open to everyone can still have an
 * admin-only area, such as /admin/strategies).
 */
export function canAccess(
  user: Pick<SessionUser, 'roles'>,
  record: FragmentRecord,
  pathname: string,
): boolean {
  if (!hasRole(user, record.requiredRole)) return false;
  const entry = record.nav
    .filter((e) => isUnder(pathname, e.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return hasRole(user, entry?.requiredRole);
}

export interface VisibleNavEntry extends NavEntry {
  fragment: string;
}

/** The nav entries `user` may use, in registry order. */
export function visibleNav(user: Pick<SessionUser, 'roles'>, records: FragmentRecord[]): VisibleNavEntry[] {
  return records.flatMap((record) =>
    hasRole(user, record.requiredRole)
      ? record.nav
          .filter((entry) => hasRole(user, entry.requiredRole))
          .map((entry) => ({ ...entry, fragment: record.name }))
      : [],
  );
}

/** The nav entry to highlight for `pathname`: the longest path covering it, or null. */
export function currentNavPath(pathname: string, nav: readonly Pick<NavEntry, 'path'>[]): string | null {
  let best: string | null = null;
  for (const { path } of nav) {
    if (isUnder(pathname, path) && (best === null || path.length > best.length)) best = path;
  }
  return best;
}
