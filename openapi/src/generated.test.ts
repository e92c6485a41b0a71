import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const openapiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Contract first: a contract edited without regenerating its types fails here (and so in CI).
test('the generated types match the OpenAPI contracts', async () => {
  const run = promisify(execFile);
  const result = await run(process.execPath, ['scripts/generate.mjs', '--check'], { cwd: openapiDir }).then(
    ({ stdout }) => ({ ok: true, output: stdout }),
    (error: { stdout?: string; stderr?: string }) => ({
      ok: false,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
  expect(result.ok, result.output).toBe(true);
}, 60_000);
