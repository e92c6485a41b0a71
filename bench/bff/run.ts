// BFF benchmarks (issues 4 and 16); they print figures and are never part of the tests.
// `npm run bench` runs `portfolio` and `sockets` (bench/run-all.ts: bff-portfolio, bff-sockets).
//   npx tsx bench/bff/run.ts portfolio|push|sockets|all
// portfolio: GET /api/portfolio latency and server CPU per request at one client, BENCH_REQUESTS
//            (1000) each, against its baseline (a bare undici fan-out server making the same calls,
//            bench/baselines/fanout-server.ts) and each downstream call alone; writes
//            bench/out/bff-portfolio.json (BENCH_THROUGHPUT=1 adds 8 concurrent clients for 5 s).
// push:      latency from an event reaching the BFF (published on the services' bus) to its receipt
//            by socket clients, with BENCH_PUSH_SOCKETS (1000) of alice's sockets connected (plus 100
//            of bob's, which must receive nothing).
// sockets:   ramps sockets subscribed to price ticks (the market ticking every BENCH_TICK_MS, 1000
//            as in npm start) by BENCH_SOCKET_STEP (2000) up to BENCH_MAX_SOCKETS (10,000), reporting
//            memory per socket and tick lateness, stopping early once the p99 lateness passes 2 s;
//            then the same ramp on raw socket.io (bench/baselines/raw-socketio.ts); writes
//            bench/out/bff-sockets.json.
// The system under test runs in a child process (stack.ts), the socket clients in others (clients.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const pushSockets = Number(process.env.BENCH_PUSH_SOCKETS ?? 1000);
const maxSockets = Number(process.env.BENCH_MAX_SOCKETS ?? 10_000);
const socketStep = Number(process.env.BENCH_SOCKET_STEP ?? 2000);
const measureMs = Number(process.env.BENCH_MEASURE_MS ?? 4000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const outDir = fileURLToPath(new URL('../out/', import.meta.url));

/** The figures `npm run bench` reads (bench/run-all.ts), in bench/out/. */
function writeResult(file: string, result: unknown): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outDir + file, JSON.stringify(result, null, 2));
}

type Message = { type: string; [key: string]: unknown };

function spawnChild(file: string, env: Record<string, string> = {}): ChildProcess {
  return fork(here(file), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF && file === './stack.ts'
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function next(child: ChildProcess, type: string): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (m.type === 'error') reject(new Error(String(m.message)));
      if (m.type !== type) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
  });
}

async function ask(child: ChildProcess, command: Message, reply: string): Promise<Message> {
  const answer = next(child, reply);
  child.send(command);
  return answer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.at(-1) ?? NaN),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One GET over a keep-alive connection; resolves with the latency in ms (the body is read fully). */
function get(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`${url}: HTTP ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
  });
}

/** A closed loop of `clients` concurrent requesters for `ms`, or until `requests` were made. */
async function load(
  url: string,
  headers: Record<string, string>,
  opts: { clients: number; ms?: number; requests?: number },
) {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + (opts.ms ?? Infinity);
  let remaining = opts.requests ?? Infinity;
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (performance.now() < until && remaining-- > 0) latencies.push(await get(url, headers));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...summary(latencies), rps: Math.round(latencies.length / seconds) };
}

async function startStack(env: Record<string, string> = {}) {
  const child = spawnChild('./stack.ts', env);
  const ready = await next(child, 'ready');
  const bff = ready.bff as string;
  const res = await fetch(`${bff}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
    body: JSON.stringify({ username: 'alice', password: 'alice-pass' }),
  });
  const cookieOf = (r: Response) => (r.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const bobRes = await fetch(`${bff}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
    body: JSON.stringify({ username: 'bob', password: 'bob-pass' }),
  });
  return {
    child,
    bff,
    fanout: ready.fanout as string,
    services: ready.services as Record<string, string>,
    alice: cookieOf(res),
    bob: cookieOf(bobRes),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

/** p50 latency over the critical path, and own CPU per request, of a server fanning out to `calls`. */
function overCalls(
  server: Measured,
  calls: Record<string, Measured>,
): { addedOverCriticalPathMs: number; ownCpuMsPerRequest: number } {
  const lookup = calls['accounts GET /accounts?customerIds'] as Measured;
  const parallel = Object.entries(calls)
    .filter(([name]) => !name.includes('customerIds'))
    .reduce((a, b) => (b[1].p50 > a[1].p50 ? b : a))[1];
  const cpuOfCalls = Object.values(calls).reduce((sum, r) => sum + r.cpuMsPerRequest, 0);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    addedOverCriticalPathMs: round(server.p50 - lookup.p50 - parallel.p50),
    ownCpuMsPerRequest: round(server.cpuMsPerRequest - cpuOfCalls),
  };
}

type Measured = ReturnType<typeof summary> & { rps: number; cpuMsPerRequest: number };

/**
 * The BFF's portfolio and its baseline (a bare undici fan-out server, bench/baselines/fanout-server.ts)
 * against the four downstream calls alone, one client each; writes bench/out/bff-portfolio.json.
 */
async function portfolio(): Promise<void> {
  const stack = await startStack();
  const s = stack.services;
  const ids = 'a-alice-1,a-alice-2';
  const servers: Record<string, string> = {
    'BFF GET /api/portfolio': `${stack.bff}/api/portfolio`,
    'baseline: bare undici fan-out': stack.fanout,
  };
  const calls: Record<string, [audience: string, url: string]> = {
    'accounts GET /accounts?customerIds': ['accounts', `${s.accounts}/accounts?customerIds=c-alice`],
    'accounts GET /holdings': ['accounts', `${s.accounts}/holdings?accountIds=${ids}`],
    'orders GET /orders?status=open': ['orders', `${s.orders}/orders?accountIds=${ids}&status=open&size=200`],
    'market GET /prices': ['market', `${s.market}/prices`],
  };
  // Service tokens live 60 s: fresh ones before each series of direct calls.
  const headersOf = async (name: string): Promise<Record<string, string>> => {
    if (servers[name]) return { cookie: stack.alice };
    const tokens = (await ask(stack.child, { type: 'tokens' }, 'tokens')).headers as Record<string, string>;
    return { authorization: tokens[calls[name]![0]]! };
  };
  const urlOf = (name: string) => servers[name] ?? calls[name]![1];
  const names = [...Object.keys(servers), ...Object.keys(calls)];
  // Warm-up (JIT, connections), not counted.
  for (const name of names) await load(urlOf(name), await headersOf(name), { clients: 2, requests: 300 });
  const latency: Record<string, Measured> = {};
  for (const name of names) {
    const headers = await headersOf(name);
    // Server CPU per request (services, BFF and baseline share the child process): less sensitive
    // than latency to other work on the machine.
    const before = Number((await ask(stack.child, { type: 'stats' }, 'stats')).cpuMs);
    const result = await load(urlOf(name), headers, { clients: 1, requests });
    const after = Number((await ask(stack.child, { type: 'stats' }, 'stats')).cpuMs);
    latency[name] = { ...result, cpuMsPerRequest: Math.round(((after - before) / requests) * 1000) / 1000 };
  }
  console.error(`\nlatency, one client, ${requests} requests each (ms):`);
  console.error(latency);
  const downstream = Object.fromEntries(Object.entries(latency).filter(([name]) => calls[name]));
  const bff = overCalls(latency['BFF GET /api/portfolio']!, downstream);
  const baseline = overCalls(latency['baseline: bare undici fan-out']!, downstream);
  console.error(`BFF: ${JSON.stringify(bff)}; baseline: ${JSON.stringify(baseline)}`);
  writeResult('bff-portfolio.json', { requests, latency, bff, baseline });
  if (process.env.BENCH_THROUGHPUT === '1') {
    const throughput = {
      'BFF GET /api/portfolio': await load(
        urlOf('BFF GET /api/portfolio'),
        { cookie: stack.alice },
        {
          clients: concurrency,
          ms: 5000,
        },
      ),
    };
    console.error(`\nthroughput, ${concurrency} concurrent clients, 5 s:`);
    console.error(throughput);
  }
  await stack.stop();
}

async function clientsProcess(
  url: string,
  cookie: string,
  topic: string,
  count: number,
): Promise<ChildProcess> {
  const child = spawnChild('./clients.ts', { BENCH_URL: url, BENCH_COOKIE: cookie, BENCH_TOPIC: topic });
  await next(child, 'ready');
  await ask(child, { type: 'open', count }, 'opened');
  return child;
}

async function push(): Promise<void> {
  const stack = await startStack();
  const half = Math.ceil(pushSockets / 2);
  const alice = [
    await clientsProcess(stack.bff, stack.alice, 'orders', half),
    await clientsProcess(stack.bff, stack.alice, 'orders', pushSockets - half),
  ];
  const bob = await clientsProcess(stack.bff, stack.bob, 'orders', 100);
  const before = await ask(stack.child, { type: 'stats' }, 'stats');
  console.log(
    `\n${pushSockets} alice sockets + 100 bob sockets connected; server holds ${String(before.sockets)}`,
  );
  // Warm-up (JIT, the owner lookup cache), not counted.
  await ask(stack.child, { type: 'publish', count: 20, intervalMs: 50 }, 'published');
  await sleep(500);
  // Every event goes to all of alice's sockets (the worst fan-out): first at a gentle rate, which
  // measures latency, then at rates that measure saturation of the 2 shared cores.
  for (const [count, intervalMs] of [
    [40, 250],
    [100, 50],
    [200, 20],
  ] as const) {
    for (const c of [...alice, bob]) await ask(c, { type: 'report' }, 'report');
    await ask(stack.child, { type: 'publish', count, intervalMs }, 'published');
    await sleep(1000);
    const reports = await Promise.all(alice.map((c) => ask(c, { type: 'report' }, 'report')));
    const bobReport = await ask(bob, { type: 'report' }, 'report');
    const latencies = reports.flatMap((r) => r.latencies as number[]);
    const stats = await ask(stack.child, { type: 'stats' }, 'stats');
    console.log(
      `${count} events, one every ${intervalMs} ms (${Math.round(1000 / intervalMs)}/s → ${Math.round((pushSockets * 1000) / intervalMs)} socket messages/s):`,
    );
    console.log(
      `  push latency (ms) ${JSON.stringify(summary(latencies))}; expected receipts ${count * pushSockets}; bob received ${String(bobReport.received)}; server event-loop delay p99 ${Number(stats.loopP99Ms).toFixed(1)} ms`,
    );
  }
  for (const c of [...alice, bob]) c.send({ type: 'close' });
  await stack.stop();
}

/**
 * Ramps sockets subscribed to `prices` on one server, BENCH_SOCKET_STEP at a time up to
 * BENCH_MAX_SOCKETS, measuring memory per socket and tick lateness at each step; stops early when a
 * step cannot open its sockets, or once the p99 lateness passes 2 s.
 */
async function ramp(server: ChildProcess, url: string, cookies: [string, string]) {
  await sleep(2000);
  const base = await ask(server, { type: 'stats' }, 'stats');
  const clients = cookies.map((cookie) =>
    spawnChild('./clients.ts', { BENCH_URL: url, BENCH_COOKIE: cookie, BENCH_TOPIC: 'prices' }),
  );
  await Promise.all(clients.map((c) => next(c, 'ready')));
  const rows: Record<string, number>[] = [];
  let stoppedBecause = `reached ${maxSockets} sockets`;
  for (let total = socketStep; total <= maxSockets; total += socketStep) {
    const opened = rows.length * socketStep;
    try {
      await Promise.all(
        clients.map((c, i) =>
          ask(
            c,
            { type: 'open', count: Math.floor((total - opened) / 2) + (i === 0 ? (total - opened) % 2 : 0) },
            'opened',
          ),
        ),
      );
    } catch (err) {
      // A server that can no longer accept connections is where its ramp ends: a result, not a crash.
      stoppedBecause = `could not open ${total} sockets: ${(err as Error).message}`;
      console.error(`${stoppedBecause}: stopping the ramp`);
      break;
    }
    await sleep(2000);
    await Promise.all(clients.map((c) => ask(c, { type: 'report' }, 'report')));
    await ask(server, { type: 'stats' }, 'stats');
    const cpuBefore = Number((await ask(server, { type: 'stats' }, 'stats')).cpuMs);
    await sleep(measureMs);
    const reports = await Promise.all(clients.map((c) => ask(c, { type: 'report' }, 'report')));
    const stats = await ask(server, { type: 'stats' }, 'stats');
    const lateness = summary(reports.flatMap((r) => r.latencies as number[]));
    const received = reports.reduce((n, r) => n + Number(r.received), 0);
    const row = {
      sockets: Number(stats.sockets),
      messagesPerSecond: Math.round(received / (measureMs / 1000)),
      latenessP50Ms: lateness.p50,
      latenessP99Ms: lateness.p99,
      serverCpuPercent: Math.round(((Number(stats.cpuMs) - cpuBefore) / measureMs) * 100),
      rssMiB: Math.round(Number(stats.rss) / 2 ** 20),
      rssKiBPerSocket: Math.round((Number(stats.rss) - Number(base.rss)) / 1024 / Number(stats.sockets)),
      heapKiBPerSocket: Math.round(
        (Number(stats.heapUsed) - Number(base.heapUsed)) / 1024 / Number(stats.sockets),
      ),
      loopDelayP99Ms: Math.round(Number(stats.loopP99Ms)),
    };
    rows.push(row);
    console.error(JSON.stringify(row));
    if (lateness.p99 > 2000) {
      stoppedBecause = `p99 tick lateness above 2 s at ${row.sockets} sockets`;
      console.error(`${stoppedBecause}: stopping the ramp`);
      break;
    }
  }
  // Killed rather than asked: a client process still opening sockets would not read a `close`.
  for (const c of clients) c.kill();
  return { rows, stoppedBecause };
}

/**
 * Price ticks to many sockets on one BFF (the market ticking every BENCH_TICK_MS, 1000 as in
 * `npm start`), then the same ramp on raw socket.io broadcasting as many messages
 * (bench/baselines/raw-socketio.ts); writes bench/out/bff-sockets.json.
 */
async function sockets(): Promise<void> {
  const tickMs = process.env.BENCH_TICK_MS ?? '1000';
  const stack = await startStack({ BENCH_TICK_MS: tickMs });
  console.error(`\nBFF, market ticking every ${tickMs} ms:`);
  const bffRamp = await ramp(stack.child, stack.bff, [stack.alice, stack.bob]);
  await stack.stop();

  const raw = spawnChild('../baselines/raw-socketio.ts', { BENCH_TICK_MS: tickMs });
  const ready = await next(raw, 'ready');
  console.error('\nbaseline: raw socket.io, the same messages:');
  const baselineRamp = await ramp(raw, ready.bff as string, ['', '']);
  await new Promise<void>((resolve) => {
    raw.once('exit', () => resolve());
    raw.send({ type: 'stop' });
  });
  writeResult('bff-sockets.json', {
    tickMs: Number(tickMs),
    bff: bffRamp.rows,
    bffStoppedBecause: bffRamp.stoppedBecause,
    baseline: baselineRamp.rows,
    baselineStoppedBecause: baselineRamp.stoppedBecause,
  });
}

const mode = process.argv[2] ?? 'all';
console.log(
  `BFF benchmarks (${mode}) on ${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
);
if (mode === 'portfolio' || mode === 'all') await portfolio();
if (mode === 'push' || mode === 'all') await push();
if (mode === 'sockets' || mode === 'all') await sockets();
agent.destroy();
process.exit(0);
