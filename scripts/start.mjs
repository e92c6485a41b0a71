#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then runs the BFF (which serves the shell, the fragment
// registry, /api and /realtime, and starts the embedded services) on http://localhost:3000.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', PORT: String(port) };

/** The shell and every fragment must have a build: the BFF serves them and seeds the registry. */
function missingBuilds() {
  const apps = readdirSync(path.join(root, 'apps')).filter((d) =>
    existsSync(path.join(root, 'apps', d, 'package.json')),
  );
  return apps.filter((app) => {
    const dist = path.join(root, 'apps', app, 'dist');
    return app === 'shell'
      ? !existsSync(path.join(dist, 'index.html'))
      : !existsSync(path.join(dist, 'mf-manifest.json'));
  });
}

// The BFF is compiled to one JavaScript file (bff/scripts/build.mjs); turbo rebuilds it only when
// its sources or those of the packages and services it bundles changed, else restores it from cache.
const missing = missingBuilds();
if (missing.length > 0) console.log(`Building ${missing.join(', ')} (first start)...`);
const build = spawnSync(
  'npx',
  [
    'turbo',
    'run',
    'build',
    '--filter=@simplebank/bff',
    ...(missing.length > 0 ? ['--filter=@simplebank/shell', '--filter=./apps/*'] : []),
    '--output-logs=errors-only',
  ],
  { cwd: root, env, stdio: 'inherit' },
);
if (build.status !== 0) {
  console.error('The build failed; fix it and run npm start again.');
  process.exit(build.status ?? 1);
}

// The BFF runs in this process, as compiled JavaScript: no npx or tsx wrapper processes (each a
// Node process of ~50-65 MiB that serves no one) and no TypeScript compiler loaded into the server.
// It handles SIGINT and SIGTERM itself (bff/src/main.ts).
Object.assign(process.env, env);
await import(pathToFileURL(path.join(root, 'bff', 'dist', 'main.mjs')).href);

// Announce the URL once the BFF answers, so it is the last thing on screen.
const url = `http://localhost:${port}`;
const started = Date.now();
const timer = setInterval(async () => {
  try {
    const res = await fetch(`${url}/api/health/live`);
    if (!res.ok) return;
    clearInterval(timer);
    console.log(
      `\nSimpleBank is running at ${url}\n` +
        'Demo logins: alice / alice-pass (customer), bob / bob-pass (customer), admin / admin-pass (admin)\n' +
        'Deploy a fragment: npm run deploy -w apps/orders-mfe   (canary: -- --canary 10; roll back: npm run rollback -w apps/orders-mfe)\n',
    );
  } catch {
    if (Date.now() - started > 120_000) {
      clearInterval(timer);
      console.error(`The BFF did not answer at ${url} within 2 minutes.`);
    }
  }
}, 500);
