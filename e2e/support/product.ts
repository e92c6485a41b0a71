// Helpers that act on the running product the way an operator or a user would.
import { expect, type Page, test as base } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = process.env.SB_E2E_DATA_DIR!;
export const productUrl = `http://localhost:${process.env.SB_E2E_PORT}`;
/** The embedded services' outage drills (README, Configuration): one port above the product's. */
export const drillUrl = `http://127.0.0.1:${Number(process.env.SB_E2E_PORT) + 1}`;

export const DEMO = {
  alice: { username: 'alice', password: 'alice-pass' },
  bob: { username: 'bob', password: 'bob-pass' },
  admin: { username: 'admin', password: 'admin-pass' },
} as const;

/** Every test fails on an uncaught browser error unless it says which one it provokes. */
export const test = base.extend<{ allowPageErrors: (pattern: RegExp) => void }>({
  allowPageErrors: [
    async ({ context }, use) => {
      const allowed: RegExp[] = [];
      const errors: string[] = [];
      context.on('weberror', (webError) => errors.push(webError.error().message));
      await use((pattern) => allowed.push(pattern));
      const unexpected = errors.filter((message) => !allowed.some((pattern) => pattern.test(message)));
      expect(unexpected, 'uncaught errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function logIn(page: Page, who: keyof typeof DEMO) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(DEMO[who].username);
  await page.getByLabel('Password').fill(DEMO[who].password);
  await page.getByRole('button', { name: /log in/i }).click();
  await expect(page.getByRole('button', { name: /log out/i })).toBeVisible();
  // Landed: the shell sends a fresh login from / to the user's first page. A click made before that
  // redirect would be undone by it (seen on a loaded machine: Trade clicked, Portfolio shown).
  await expect(page).not.toHaveURL(/\/(login)?([?#].*)?$/);
}

export function fragmentRegion(page: Page, title: string) {
  return page.getByRole('region', { name: `${title} fragment` });
}

export async function renderedVersion(page: Page, title: string) {
  const region = fragmentRegion(page, title);
  await expect(region).toHaveAttribute('data-fragment-version', /.+/);
  return (await region.getAttribute('data-fragment-version'))!;
}

interface RegistryRecord {
  name: string;
  active: string | null;
  canary: { version: string; percent: number } | null;
  history: { version: string }[];
  versions: { version: string; contentHash: string }[];
}

export async function registryState(): Promise<RegistryRecord[]> {
  const response = await fetch(`${productUrl}/api/admin/fragments`, {
    headers: { authorization: `Bearer ${deployToken()}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { fragments: RegistryRecord[] };
  return body.fragments;
}

export async function activeVersion(name: string) {
  const record = (await registryState()).find((r) => r.name === name);
  return record?.active ?? null;
}

/**
 * What the registry holds for one fragment, as its files are stored in the BFF's database: its
 * versions with their content hashes, the active one, and the ETag (the sha256) of each file the
 * active version's manifest is served as. Equal snapshots mean nothing of that fragment changed.
 */
export async function fragmentSnapshot(name: string) {
  const record = (await registryState()).find((r) => r.name === name);
  if (!record?.active) return { record, manifestEtag: null };
  const manifest = await fetch(`${productUrl}/fragments/${name}/${record.active}/mf-manifest.json`);
  expect(manifest.status).toBe(200);
  return { record, manifestEtag: manifest.headers.get('etag') };
}

export function deployToken() {
  return readFileSync(path.join(dataDir, 'registry', 'deploy-token'), 'utf8').trim();
}

const run = promisify(execFile);

/** The team's own command: `npm run deploy -w apps/<app>` (or rollback), against this product. */
export async function fragmentCommand(
  app: string,
  command: 'deploy' | 'rollback',
  args: string[] = [],
  releaseNote?: string,
) {
  const { stdout, stderr } = await run(
    'npm',
    ['run', command, '-w', `apps/${app}`, ...(args.length ? ['--', ...args] : [])],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        SIMPLEBANK_URL: productUrl,
        SIMPLEBANK_DATA_DIR: dataDir,
        ...(releaseNote ? { FRAGMENT_RELEASE_NOTE: releaseNote } : {}),
      },
      timeout: 240_000,
    },
  );
  return `${stdout}\n${stderr}`;
}

/** sha256 and modification time of every file below a folder, to prove nothing there was rebuilt. */
export function snapshotFiles(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const hash = createHash('sha256').update(readFileSync(full)).digest('hex');
        out[path.relative(folder, full)] = `${hash} ${statSync(full).mtimeMs}`;
      }
    }
  };
  walk(folder);
  return out;
}

/** The order review that "Place order" opens: Confirm order sends what it shows. */
export function orderReview(page: Page) {
  return page.getByRole('dialog', { name: 'Review your order' });
}

/** Sends the reviewed order (after "Place order" opened the review). */
export async function confirmOrder(page: Page) {
  await orderReview(page).getByRole('button', { name: 'Confirm order' }).click();
}

/** Answers a confirmation (role="alertdialog") with its command button, e.g. "Cancel order". */
export async function confirmAlert(page: Page, command: string | RegExp) {
  await page.getByRole('alertdialog').getByRole('button', { name: command }).click();
}
