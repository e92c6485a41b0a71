import { readFileSync } from 'node:fs';
import path from 'node:path';

export type FragmentRole = 'customer' | 'admin';

export interface FragmentNavEntry {
  label: string;
  path: string;
  requiredRole?: FragmentRole;
}

/** `fragment.config.json` at a fragment's root (docs/CONTRACTS.md, "Fragment module"). */
export interface FragmentConfig {
  name: string;
  title: string;
  routes: string[];
  nav: FragmentNavEntry[];
  requiredRole: FragmentRole | null;
}

/** What the build writes to `dist/fragment.json`: the config plus the platform contract it was built against. */
export interface FragmentMeta extends FragmentConfig {
  contractVersion: string;
  /** FRAGMENT_RELEASE_NOTE at build time, when set; part of the content, so it changes the version. */
  releaseNote?: string;
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const ROLES: ReadonlyArray<unknown> = ['customer', 'admin'];

/**
 * Checks a parsed `fragment.config.json`. A mistake here would only show up as a missing nav entry
 * in the shell, so the build fails with every problem listed instead.
 */
export function parseFragmentConfig(raw: unknown, source = 'fragment.config.json'): FragmentConfig {
  const problems: string[] = [];
  const obj = (raw ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) problems.push('must be a JSON object');
  if (typeof obj.name !== 'string' || !NAME.test(obj.name))
    problems.push('name: lower-case letters, digits and dashes, starting with a letter');
  if (typeof obj.title !== 'string' || obj.title.trim() === '') problems.push('title: a non-empty string');
  const routes = Array.isArray(obj.routes) ? obj.routes : [];
  if (!Array.isArray(obj.routes) || routes.length === 0) problems.push('routes: a non-empty array');
  routes.forEach((r, i) => {
    if (typeof r !== 'string' || !r.startsWith('/')) problems.push(`routes[${i}]: a path starting with "/"`);
  });
  const nav = Array.isArray(obj.nav) ? obj.nav : [];
  if (!Array.isArray(obj.nav)) problems.push('nav: an array');
  nav.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof e.label !== 'string' || e.label.trim() === '')
      problems.push(`nav[${i}].label: a non-empty string`);
    if (typeof e.path !== 'string' || !e.path.startsWith('/'))
      problems.push(`nav[${i}].path: a path starting with "/"`);
    if (e.requiredRole !== undefined && !ROLES.includes(e.requiredRole))
      problems.push(`nav[${i}].requiredRole: "customer" or "admin"`);
  });
  if (obj.requiredRole !== null && !ROLES.includes(obj.requiredRole))
    problems.push('requiredRole: "customer", "admin" or null');
  if (problems.length > 0) throw new Error(`${source} is invalid:\n  - ${problems.join('\n  - ')}`);
  return {
    name: obj.name as string,
    title: obj.title as string,
    routes: routes as string[],
    nav: nav as FragmentNavEntry[],
    requiredRole: obj.requiredRole as FragmentRole | null,
  };
}

export function readFragmentConfig(root: string): FragmentConfig {
  const file = path.join(root, 'fragment.config.json');
  return parseFragmentConfig(JSON.parse(readFileSync(file, 'utf8')), file);
}
