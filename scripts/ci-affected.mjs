#!/usr/bin/env node
// Builds, lints, typechecks and tests only the packages a change touches and those that depend on
// them: turbo's `...[ref]` filter. The base is CI_AFFECTED_BASE, else origin/main, else HEAD^.
import { execFileSync, spawnSync } from 'node:child_process';

function refExists(ref) {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', ref], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const base = process.env.CI_AFFECTED_BASE ?? ['origin/main', 'HEAD^'].find((ref) => refExists(ref)) ?? 'HEAD';
const dryRun = process.argv.includes('--dry-run');
const args = ['turbo', 'run', 'build', 'lint', 'typecheck', 'test', `--filter=...[${base}]`];
if (dryRun) args.push('--dry-run=json');
console.log(`[ci:affected] changes since ${base}: npx ${args.join(' ')}`);
const result = spawnSync('npx', args, {
  stdio: dryRun ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  encoding: 'utf8',
});
if (dryRun && result.status === 0) {
  const plan = JSON.parse(result.stdout);
  console.log(JSON.stringify({ base, packages: plan.packages }, null, 2));
}
process.exit(result.status ?? 1);
