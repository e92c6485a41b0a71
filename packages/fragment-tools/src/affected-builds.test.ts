import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `npm run ci:affected -- --dry-run` in a clone where one commit changed `file`: the packages it would build. */
async function affectedBy(clone: string, file: string): Promise<string[]> {
  await appendFile(path.join(clone, file), '\n// a change owned by one team\n');
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.email=ci@simplebank.test', '-c', 'user.name=ci', ...args], { cwd: clone });
  await git('commit', '-qam', `change ${file}`);
  const { stdout } = await run(process.execPath, ['scripts/ci-affected.mjs', '--dry-run'], {
    cwd: clone,
    env: { ...process.env, CI_AFFECTED_BASE: 'HEAD^', TURBO_TELEMETRY_DISABLED: '1' },
  });
  const plan = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { packages: string[] };
  await git('reset', '-q', '--hard', 'HEAD^');
  return plan.packages;
}

describe('npm run ci:affected', () => {
  let clone: string;

  beforeAll(async () => {
    clone = await mkdtemp(path.join(os.tmpdir(), 'simplebank-affected-'));
    // A clone of what is committed; the change under test is the only difference from its parent.
    await run('git', ['clone', '-q', repoRoot, clone]);
    await symlink(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
  }, 60_000);
  afterAll(async () => {
    await rm(clone, { recursive: true, force: true });
  });

  it("builds and tests only the orders fragment for the orders team's change", async () => {
    const packages = await affectedBy(clone, 'apps/orders-mfe/src/Fragment.tsx');
    expect(packages).toEqual(['@simplebank/orders-mfe']);
  }, 60_000);

  it('builds every fragment and the shell for a change of the platform contract', async () => {
    const packages = await affectedBy(clone, 'packages/platform/src/index.ts');
    expect(packages).toEqual(
      expect.arrayContaining([
        '@simplebank/platform',
        '@simplebank/shell',
        '@simplebank/orders-mfe',
        '@simplebank/strategies-mfe',
        '@simplebank/admin-mfe',
      ]),
    );
  }, 60_000);
});
