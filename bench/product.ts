// The product as `npm start` runs it (scripts/start.mjs), on a port and in a data folder of its own,
// for the benchmarks that drive it in a browser (bench/orders-ui, bench/federation).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const answers = (url: string) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );

export async function startProduct(
  port: number,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<ChildProcess> {
  // A server left on the port by another run would answer instead, and be measured instead.
  if (await answers(`http://localhost:${port}/api/health/live`))
    throw new Error(`port ${port} is already served by another process: stop it first`);
  const child = spawn('node', ['scripts/start.mjs'], {
    cwd: repoRoot,
    detached: true, // its own process group: stopping it stops the BFF it starts
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SIMPLEBANK_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'simplebank-bench-')),
      ...env,
    },
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    if (await answers(`http://localhost:${port}/api/health/ready`)) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  stopProduct(child);
  throw new Error(`the product on port ${port} ${exited ? 'exited' : 'did not become ready'}`);
}

export function stopProduct(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone (it exited on its own): nothing left to stop.
  }
}
