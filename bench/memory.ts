// Issue 16: memory after `npm start`. Starts the product exactly as the README says (`npm start`,
// in its own process group, fresh data folder), waits until it is ready and has settled, then
// sums the resident memory (RSS) of every process of the group, and lists them.
//   npx tsx bench/memory.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_PORT ?? 3420);
const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 15_000);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'simplebank-bench-memory-'));

const child = spawn('npm', ['start'], {
  cwd: repoRoot,
  detached: true,
  stdio: 'ignore',
  env: { ...process.env, PORT: String(port), SIMPLEBANK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
});
const group = child.pid!;

/** Processes whose process group is the product's, with their RSS (KiB) and command line. */
function groupProcesses() {
  const found: { pid: number; rssKiB: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== group) continue; // pgrp
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), rssKiB: Number(rss?.[1] ?? 0), command: command.slice(0, 100) });
    } catch {
      // the process ended while being read
    }
  }
  return found;
}

try {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const ready = await fetch(`http://localhost:${port}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the product did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const processes = groupProcesses();
  const totalMiB = processes.reduce((sum, p) => sum + p.rssKiB, 0) / 1024;
  console.log(
    JSON.stringify(
      {
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
        settleMs,
        processes: processes.map((p) => ({ ...p, rssMiB: Number((p.rssKiB / 1024).toFixed(1)) })),
        totalRssMiB: Number(totalMiB.toFixed(1)),
      },
      null,
      2,
    ),
  );
} finally {
  process.kill(-group, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  rmSync(dataDir, { recursive: true, force: true });
}
