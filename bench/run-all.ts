// `npm run bench`: every benchmark of issue 16, one at a time, on an idle machine, with the
// baselines measured in the same session, and a table of figures against the goals written into
// bench/RESULTS.md (between the `npm run bench` markers). Raw outputs go to bench/out/run-<time>/.
//   npm run bench                      refuses to start when the 1-minute load average is 1 or more
//   npm run bench -- --force           runs anyway (the table then says the machine was busy)
//   npm run bench -- --only memory,statements     runs only those (names: see `benches` below); the
//                                                  table then goes to bench/out/run-<time>/table.md only
// Each benchmark is a child process; before each, the driver waits (up to 2 minutes) for the load
// average to fall under 1 again and records it beside the figure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgbenchCeiling } from './baselines/pgbench.ts';
import { tableOfGoals, type Figures } from './goals.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1]!).split(',')
  : null;
const outDir = path.join(repoRoot, 'bench/out', `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(outDir, { recursive: true });

const load = () => Number(os.loadavg()[0]!.toFixed(2));

async function waitForIdle(): Promise<number> {
  if (force) return load();
  const deadline = Date.now() + 120_000;
  while (load() >= 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5000));
  return load();
}

interface Bench {
  name: string;
  /** Command line after `npx tsx` (or a function for the baselines). */
  run: string[] | (() => Promise<unknown>);
  env?: Record<string, string>;
  /** Where the benchmark writes its JSON result; default: its standard output is one JSON document. */
  resultFile?: string;
  /** Needs PostgreSQL and NATS. */
  servers?: boolean;
  /** Drives Debian's Chromium, which `npm test` installs when missing; so does this command. */
  browser?: boolean;
}

const benches: Bench[] = [
  { name: 'statements', run: ['bench/services/statements.ts', '50'] },
  { name: 'memory', run: ['bench/memory.ts'] },
  { name: 'pglite-query', run: ['bench/services/pglite-query.ts', '5000'] },
  {
    name: 'saga-embedded',
    run: ['bench/services/place-order.ts', 'embedded'],
    env: { BENCH_CLIENTS: '50', BENCH_ORDERS_PER_CLIENT: '10' },
    resultFile: 'bench/out/services-embedded.json',
  },
  {
    name: 'saga-nats-pg',
    run: ['bench/services/place-order.ts', 'nats-pg'],
    env: { BENCH_CLIENTS: '50', BENCH_ORDERS_PER_CLIENT: '10' },
    resultFile: 'bench/out/services-nats-pg.json',
    servers: true,
  },
  // Open loop (issue 16): 100 orders/s offered for 30 s, sent at fixed times whatever the replies.
  {
    name: 'open-loop-embedded',
    run: ['bench/services/place-order.ts', 'embedded'],
    env: { BENCH_OPEN_RATE: '100', BENCH_OPEN_SECONDS: '30' },
    resultFile: 'bench/out/services-open-embedded.json',
  },
  {
    name: 'open-loop-nats-pg',
    run: ['bench/services/place-order.ts', 'nats-pg'],
    env: { BENCH_OPEN_RATE: '100', BENCH_OPEN_SECONDS: '30' },
    resultFile: 'bench/out/services-open-nats-pg.json',
    servers: true,
  },
  { name: 'pgbench', run: () => pgbenchCeiling(), servers: true },
  {
    name: 'bff-portfolio',
    run: ['bench/bff/run.ts', 'portfolio'],
    resultFile: 'bench/out/bff-portfolio.json',
  },
  {
    name: 'bff-sockets',
    run: ['bench/bff/run.ts', 'sockets'],
    env: { BENCH_MAX_SOCKETS: '10000', BENCH_SOCKET_STEP: '2000' },
    resultFile: 'bench/out/bff-sockets.json',
  },
  {
    name: 'orders-ui',
    run: ['bench/orders-ui/run.ts', '20'],
    env: { ORDERS_READ_MODEL_LAG_MS: '2000' },
    resultFile: 'bench/out/orders-ui-lag2000.json',
    browser: true,
  },
  {
    name: 'federation',
    run: ['bench/federation/run.ts', '15'],
    resultFile: 'bench/out/federation.json',
    browser: true,
  },
];

const startLoad = load();
console.log(
  `[bench] ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().join(' ')}`,
);
if (startLoad >= 1 && !force) {
  console.error(
    `[bench] the machine is busy (1-minute load average ${startLoad}): a figure taken now is not a result. Stop the other work, or pass --force.`,
  );
  process.exit(1);
}

const selected = benches.filter((bench) => !only || only.includes(bench.name));
// Installed before the first benchmark, so the install's load is not measured by any of them.
// The same installer as `npm test`'s (scripts/lib/chromium.mjs), run as a script: bench is a package
// of its own and does not import the root's scripts.
if (selected.some((bench) => bench.browser)) {
  const install = spawnSync(
    'node',
    ['--input-type=module', '-e', "(await import('./scripts/lib/chromium.mjs')).ensureChromium()"],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (install.status !== 0) console.error('[bench] Chromium is missing and could not be installed');
}

const figures: Figures = {};
const loads: Record<string, number> = {};
for (const bench of selected) {
  const before = await waitForIdle();
  loads[bench.name] = before;
  console.log(`\n[bench] ${bench.name} (load average ${before})`);
  try {
    if (typeof bench.run === 'function') {
      figures[bench.name] = await bench.run();
    } else {
      const result = spawnSync('npx', ['tsx', ...bench.run], {
        cwd: repoRoot,
        env: { ...process.env, ...bench.env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
        timeout: 30 * 60_000,
      });
      writeFileSync(path.join(outDir, `${bench.name}.log`), result.stdout ?? '');
      if (result.status !== 0) throw new Error(`exit ${result.status ?? result.signal}`);
      figures[bench.name] = bench.resultFile
        ? JSON.parse(readFileSync(path.join(repoRoot, bench.resultFile), 'utf8'))
        : JSON.parse(result.stdout);
    }
    writeFileSync(path.join(outDir, `${bench.name}.json`), JSON.stringify(figures[bench.name], null, 2));
    console.log(JSON.stringify(figures[bench.name]));
  } catch (error) {
    console.error(`[bench] ${bench.name} failed: ${String(error)}`);
    figures[bench.name] = { error: String(error) };
  }
}

const table = tableOfGoals(figures, loads);
console.log(`\n${table}`);
writeFileSync(path.join(outDir, 'table.md'), `${table}\n`);
if (only) {
  // The table in bench/RESULTS.md is a whole run's: a run of some benchmarks leaves it as it is.
  console.log(
    `[bench] --only: table written to ${path.relative(repoRoot, outDir)}/table.md, not to bench/RESULTS.md`,
  );
  process.exit(0);
}
const resultsFile = path.join(repoRoot, 'bench/RESULTS.md');
const START = '<!-- npm run bench: start -->';
const END = '<!-- npm run bench: end -->';
const section = [
  START,
  `Last \`npm run bench\`: ${new Date().toISOString()}, ${os.cpus().length} cores, load average at start ${startLoad}${force && startLoad >= 1 ? ' (forced on a busy machine: not a result)' : ''}; raw outputs in \`${path.relative(repoRoot, outDir)}\`.`,
  '',
  table,
  END,
].join('\n');
const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n';
writeFileSync(
  resultsFile,
  current.includes(START)
    ? current.slice(0, current.indexOf(START)) + section + current.slice(current.indexOf(END) + END.length)
    : `${current.trimEnd()}\n\n## \`npm run bench\` (issue 16)\n\n${section}\n`,
);
// Written the way the repository's format check (`npm test`'s first step) expects it.
spawnSync('npx', ['prettier', '--write', resultsFile], { cwd: repoRoot, stdio: 'ignore' });
console.log(`[bench] table written to bench/RESULTS.md`);
