// The walls hold by lint, not by habit: in a throwaway clone of what is committed, a deliberate
// cross-fragment import, a feature reaching into another feature, and an import cycle each fail
// `eslint`, while the untouched files of the clone pass.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs the repository's eslint from `cwd` on `files`; returns the rule ids it reported. */
async function lintRules(clone, cwd, files) {
  const eslint = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result = await run(process.execPath, [eslint, '--format', 'json', ...files], {
    cwd: path.join(clone, cwd),
    maxBuffer: 16 * 1024 * 1024,
  }).catch((err) => err);
  const report = JSON.parse(result.stdout);
  return report.flatMap((file) => file.messages.map((m) => m.ruleId ?? m.message));
}

describe('lint walls between the parts', () => {
  let clone;

  beforeAll(async () => {
    clone = await mkdtemp(path.join(os.tmpdir(), 'simplebank-walls-'));
    await run('git', ['clone', '-q', repoRoot, clone]);
    await symlink(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
  }, 120_000);
  afterAll(async () => {
    await rm(clone, { recursive: true, force: true });
  });

  it('fails a fragment that imports another fragment', async () => {
    await writeFile(
      path.join(clone, 'apps/orders-mfe/src/reach-across.ts'),
      "export { default } from '../../strategies-mfe/src/Fragment.tsx';\n",
    );
    const rules = await lintRules(clone, 'apps/orders-mfe', ['src/reach-across.ts']);
    expect(rules).toContain('import-x/no-restricted-paths');
  }, 120_000);

  it('fails a feature that imports another feature of its fragment', async () => {
    await writeFile(
      path.join(clone, 'apps/orders-mfe/src/features/portfolio/reach-across.ts'),
      "export * from '../orders/api/orders.ts';\n",
    );
    const rules = await lintRules(clone, 'apps/orders-mfe', ['src/features/portfolio/reach-across.ts']);
    expect(rules).toContain('import-x/no-restricted-paths');
  }, 120_000);

  it('fails an import cycle', async () => {
    const dir = path.join(clone, 'packages/ui/src/cycle');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b();\n");
    await writeFile(
      path.join(dir, 'b.ts'),
      "import { a } from './a.ts';\nexport const b = (): unknown => a;\n",
    );
    const rules = await lintRules(clone, 'packages/ui', ['src/cycle/a.ts', 'src/cycle/b.ts']);
    expect(rules.filter((r) => r === 'import-x/no-cycle')).toHaveLength(2);
  }, 120_000);

  it('passes the committed code of the same package', async () => {
    const rules = await lintRules(clone, 'packages/ui', ['src/index.ts']);
    expect(rules).toEqual([]);
  }, 120_000);
});
