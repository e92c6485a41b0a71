#!/usr/bin/env node
// `npm test`: every test of the repository, the browser tests included. It installs what the tests
// need (Debian's chromium), checks the generated contract types, runs lint, typecheck and unit/HTTP
// tests per package through turbo, builds the product and runs the Playwright suite against it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './lib/chromium.mjs';
import { probeServers } from './lib/servers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const requireServers = process.env.SIMPLEBANK_REQUIRE_SERVERS === '1';

function step(title, command, args, extraEnv = {}) {
  console.log(`\n[test] ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(
    `[test] ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`,
  );
  return ok;
}

const servers = await probeServers();
for (const s of servers) {
  if (s.up) console.log(`[test] ${s.name} answers at ${s.host}:${s.port}: its scale-out suites run`);
  else
    console.log(
      `[test] ${s.name} does not answer at ${s.host}:${s.port}: its scale-out suites are ${requireServers ? 'REQUIRED and will fail' : 'skipped'}`,
    );
}
if (requireServers && servers.some((s) => !s.up)) {
  console.error('[test] SIMPLEBANK_REQUIRE_SERVERS=1 and a scale-out server is missing');
  process.exit(1);
}

ensureChromium();

// Per-package reports, gathered into one closing count below.
for (const dir of findReports()) rmSync(dir, { recursive: true, force: true });

const results = [];
results.push(['format', step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn'])]);
results.push([
  'lint and typecheck',
  step('lint and typecheck per package', 'npx', [
    'turbo',
    'run',
    'lint',
    'typecheck',
    '--concurrency=2',
    '--continue',
    '--output-logs=errors-only',
  ]),
]);
// Each package's vitest also writes a JSON report, summed up in the closing line.
results.push([
  'unit, HTTP, contract and scale-out tests',
  step('tests per package (vitest)', 'npx', [
    'turbo',
    'run',
    'test',
    '--filter=!@simplebank/e2e',
    '--concurrency=2',
    '--continue',
    '--output-logs=errors-only',
    '--',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
  ]),
]);
results.push([
  'build',
  step('build the product', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']),
]);
results.push([
  'browser tests',
  step('browser tests (Playwright, Debian chromium)', 'npm', ['run', 'test', '-w', 'e2e']),
]);

const counts = countTests();
console.log('\n[test] summary');
for (const [name, ok] of results) console.log(`  ${ok ? 'ok    ' : 'FAILED'} ${name}`);
const failedSteps = results.filter(([, ok]) => !ok).length;
console.log(
  `tests: ${counts.passed} passed, ${counts.failed + failedSteps} failed, ${counts.skipped} skipped`,
);
process.exit(failedSteps === 0 && counts.failed === 0 ? 0 : 1);

function findReports() {
  const dirs = [];
  for (const group of ['apps', 'packages', 'services', 'tooling']) {
    const base = path.join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      if (existsSync(path.join(base, name, 'package.json')))
        dirs.push(path.join(base, name, 'test-results', 'vitest.json'));
    }
  }
  for (const single of ['bff', 'openapi']) dirs.push(path.join(root, single, 'test-results', 'vitest.json'));
  dirs.push(path.join(root, 'e2e', 'test-results', 'playwright.json'));
  return dirs;
}

function countTests() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const file of findReports()) {
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    if (file.endsWith('playwright.json')) {
      total.passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
      total.failed += report.stats?.unexpected ?? 0;
      total.skipped += report.stats?.skipped ?? 0;
    } else {
      total.passed += report.numPassedTests ?? 0;
      total.failed += report.numFailedTests ?? 0;
      total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    }
  }
  return total;
}
