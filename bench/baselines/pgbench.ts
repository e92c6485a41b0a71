// Baseline of issue 16: what the PostgreSQL on this machine can do, measured with pgbench (TPC-B,
// the same server the nats-pg benchmark uses), on a scratch database it creates and drops.
import { spawnSync } from 'node:child_process';

const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 5 * 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout;
}

export interface PgbenchFigures {
  clients: number;
  seconds: number;
  tps: number;
  latencyAverageMs: number;
}

/** pgbench TPC-B for 15 s with 8 clients on a scale-10 scratch database. */
export async function pgbenchCeiling(): Promise<PgbenchFigures> {
  const url = new URL(pgUrl);
  const scratch = `bench_pgbench_${process.pid}`;
  const admin = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  run('psql', [...admin, '-d', url.pathname.slice(1) || 'postgres', '-c', `CREATE DATABASE ${scratch}`]);
  try {
    run('pgbench', [...admin, '-i', '-s', '10', '-q', scratch]);
    const clients = 8;
    const seconds = 15;
    const out = run('pgbench', [...admin, '-c', String(clients), '-j', '2', '-T', String(seconds), scratch]);
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    const latencyAverageMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
    return { clients, seconds, tps, latencyAverageMs };
  } finally {
    run('psql', [
      ...admin,
      '-d',
      url.pathname.slice(1) || 'postgres',
      '-c',
      `DROP DATABASE IF EXISTS ${scratch}`,
    ]);
  }
}
