// Issue 2 benchmark: what module federation costs. Serves the real product (shell + fragments from
// the registry) and a single-bundle build of the same screens from two BFFs, loads the orders
// fragment's first screen cold N times in headless Chromium, and prints bytes and time for both.
// Its figures, with the ratios issue 16 sets a goal on, also go to bench/out/federation.json.
//   npx tsx bench/federation/run.ts [runs]
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProduct, stopProduct } from '../product.ts';
import { launch, measureColdLoad, median, percentile, type RunFigures } from './measure.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.argv[2] ?? 15);
const READY = 'section[data-fragment-version] :is(h1, h2)';
// The /trade screen is complete when its price chart (a lazy chunk) has drawn.
const COMPLETE = 'canvas';

function sh(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function summarise(label: string, figures: RunFigures[]) {
  const times = figures.map((f) => f.firstRenderMs);
  const last = figures.at(-1)!;
  return {
    label,
    jsFiles: last.jsFiles,
    jsRawKB: +(last.jsRawBytes / 1024).toFixed(1),
    jsGzipKB: +(last.jsGzipBytes / 1024).toFixed(1),
    renderP50ms: +median(times).toFixed(0),
    renderP95ms: +percentile(times, 95).toFixed(0),
    runtimeCopies: last.runtimeCopies,
  };
}

sh('npx', ['turbo', 'run', 'build', '--filter=./apps/*', '--output-logs=errors-only']);
sh('npx', ['vite', 'build', '--configLoader', 'runner', '--config', 'bench/single-bundle/vite.config.ts']);

// The browser first: if it cannot start, no product is left running.
const browser = await launch();
const products: ChildProcess[] = [];
try {
  products.push(await startProduct(3320, {}));
  products.push(await startProduct(3321, { SHELL_DIST: path.join(repoRoot, 'bench/out/single-bundle') }));
  const results: Record<string, RunFigures[]> = { federated: [], single: [] };
  // One warm-up each (server-side caches), then alternate so both see the same machine load.
  await measureColdLoad(browser, 'http://localhost:3320', '/trade', READY, COMPLETE);
  await measureColdLoad(browser, 'http://localhost:3321', '/trade', READY, COMPLETE);
  for (let i = 0; i < runs; i++) {
    results.federated!.push(
      await measureColdLoad(browser, 'http://localhost:3320', '/trade', READY, COMPLETE),
    );
    results.single!.push(await measureColdLoad(browser, 'http://localhost:3321', '/trade', READY, COMPLETE));
  }
  const fed = summarise('module federation (shell + orders from registry)', results.federated!);
  const one = summarise('single bundle (fragments imported statically)', results.single!);
  console.table([fed, one]);
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  console.log(
    `runs: ${runs} cold loads each (fresh browser context), headless Chromium, ${os.cpus().length} cores`,
  );
  console.log(
    `federation overhead: raw bytes ${pct(fed.jsRawKB, one.jsRawKB)}, gzip bytes ${pct(fed.jsGzipKB, one.jsGzipKB)}, render p50 ${pct(fed.renderP50ms, one.renderP50ms)}, render p95 ${pct(fed.renderP95ms, one.renderP95ms)}`,
  );
  mkdirSync(path.join(repoRoot, 'bench/out'), { recursive: true });
  writeFileSync(
    path.join(repoRoot, 'bench/out/federation.json'),
    JSON.stringify(
      {
        runs,
        federated: fed,
        single: one,
        gzipRatio: +(fed.jsGzipKB / one.jsGzipKB).toFixed(2),
        renderP50Ratio: +(fed.renderP50ms / one.renderP50ms).toFixed(2),
        federatedScripts: results.federated!.at(-1)!.scripts,
      },
      null,
      2,
    ),
  );
  console.log('federated scripts:');
  for (const s of results.federated!.at(-1)!.scripts) console.log(`  ${s.url}  raw ${s.raw}  gzip ${s.gzip}`);
} finally {
  await browser.close();
  products.forEach(stopProduct);
}
