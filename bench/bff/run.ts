// BFF benchmarks (issue 4); they print figures and are never part of the tests.
//   npx tsx bench/bff/run.ts portfolio|push|sockets|all
// portfolio: GET /api/portfolio latency (one client) and throughput (BENCH_CONCURRENCY, 8) against
//            each downstream call it makes, alone, with the same client.
// push:      latency from an event reaching the BFF (published on the services' bus) to its receipt
//            by socket clients, with BENCH_PUSH_SOCKETS (1000) of alice's sockets connected (plus 100
//            of bob's, which must receive nothing).
// sockets:   ramps socket connections subscribed to price ticks (market ticking every 250 ms) by
//            1000 up to BENCH_MAX_SOCKETS (5000), reporting memory per socket and tick lateness (market ticking every BENCH_TICK_MS, 1000 as in npm start);
//            stops by itself, or earlier once the p99 lateness passes 2 s.
// The system under test runs in a child process (stack.ts), the socket clients in others (clients.ts).
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const pushSockets = Number(process.env.BENCH_PUSH_SOCKETS ?? 1000);
const maxSockets = Number(process.env.BENCH_MAX_SOCKETS ?? 5000);

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

async function portfolio(): Promise<void> {
  const stack = await startStack();
  const cookie = { cookie: stack.alice };
  const s = stack.services;
  const ids = 'a-alice-1,a-alice-2';
  const calls: Record<string, string> = {
    'BFF GET /api/portfolio': `${stack.bff}/api/portfolio`,
    'accounts GET /accounts?customerIds': `${s.accounts}/accounts?customerIds=c-alice`,
    'accounts GET /holdings': `${s.accounts}/holdings?accountIds=${ids}`,
    'orders GET /orders?status=open': `${s.orders}/orders?accountIds=${ids}&status=open&size=200`,
    'market GET /prices': `${s.market}/prices`,
  };
  for (const url of Object.values(calls)) await load(url, cookie, { clients: 2, requests: 300 }); // warm-up (JIT, connections)
  const latency: Record<string, ReturnType<typeof summary> & { 'server CPU ms/req': number }> = {};
  for (const [name, url] of Object.entries(calls)) {
    // Server CPU per request (services and BFF share the child process): less sensitive than
    // latency to other work on the machine.
    const before = Number((await ask(stack.child, { type: 'stats' }, 'stats')).cpuMs);
    const result = await load(url, cookie, { clients: 1, requests: 1500 });
    const after = Number((await ask(stack.child, { type: 'stats' }, 'stats')).cpuMs);
    latency[name] = { ...result, 'server CPU ms/req': Math.round(((after - before) / 1500) * 1000) / 1000 };
  }
  console.log('\nlatency, one client, 1500 requests each (ms):');
  console.table(latency);
  const downstream = Object.entries(latency).filter(([name]) => !name.startsWith('BFF'));
  const [slowestName, slowest] = downstream.reduce((a, b) => (b[1].p50 > a[1].p50 ? b : a));
  const parallel = downstream
    .filter(([name]) => !name.includes('customerIds'))
    .reduce((a, b) => (b[1].p50 > a[1].p50 ? b : a));
  const bff = latency['BFF GET /api/portfolio'] as (typeof latency)[string];
  const accounts = latency['accounts GET /accounts?customerIds'] as (typeof latency)[string];
  const cpuOfCalls = downstream.reduce((sum, [, r]) => sum + r['server CPU ms/req'], 0);
  console.log(
    `server CPU: portfolio ${bff['server CPU ms/req']} ms/req, its four downstream calls alone ${cpuOfCalls.toFixed(3)} ms → the BFF's own CPU ${(bff['server CPU ms/req'] - cpuOfCalls).toFixed(3)} ms/req`,
  );
  console.log(`slowest downstream call alone: ${slowestName} p50 ${slowest.p50} ms`);
  console.log(
    `BFF p50 ${bff.p50} ms → adds ${(bff.p50 - slowest.p50).toFixed(2)} ms over the slowest call alone`,
  );
  console.log(
    `critical path (accounts lookup, then the slowest of the parallel calls: ${parallel[0]}) p50 ${(accounts.p50 + parallel[1].p50).toFixed(2)} ms → BFF adds ${(bff.p50 - accounts.p50 - parallel[1].p50).toFixed(2)} ms over it`,
  );
  const throughput = {
    'BFF GET /api/portfolio': await load(calls['BFF GET /api/portfolio'] as string, cookie, {
      clients: concurrency,
      ms: 5000,
    }),
    [slowestName]: await load(calls[slowestName] as string, cookie, { clients: concurrency, ms: 5000 }),
  };
  console.log(`\nthroughput, ${concurrency} concurrent clients, 5 s each:`);
  console.table(throughput);
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

async function sockets(): Promise<void> {
  const stack = await startStack({ BENCH_TICK_MS: process.env.BENCH_TICK_MS ?? '1000' });
  await sleep(2000);
  const base = await ask(stack.child, { type: 'stats' }, 'stats');
  console.log(
    `\nbaseline: rss ${(Number(base.rss) / 2 ** 20).toFixed(0)} MiB, heap ${(Number(base.heapUsed) / 2 ** 20).toFixed(0)} MiB, market ticking every ${process.env.BENCH_TICK_MS ?? '1000'} ms`,
  );
  const clients = [
    spawnChild('./clients.ts', { BENCH_URL: stack.bff, BENCH_COOKIE: stack.alice, BENCH_TOPIC: 'prices' }),
    spawnChild('./clients.ts', { BENCH_URL: stack.bff, BENCH_COOKIE: stack.bob, BENCH_TOPIC: 'prices' }),
  ];
  await Promise.all(clients.map((c) => next(c, 'ready')));
  const rows: Record<string, unknown>[] = [];
  for (let total = 1000; total <= maxSockets; total += 1000) {
    await Promise.all(clients.map((c) => ask(c, { type: 'open', count: 500 }, 'opened')));
    await sleep(3000);
    await Promise.all(clients.map((c) => ask(c, { type: 'report' }, 'report')));
    await ask(stack.child, { type: 'stats' }, 'stats');
    await sleep(5000);
    const reports = await Promise.all(clients.map((c) => ask(c, { type: 'report' }, 'report')));
    const stats = await ask(stack.child, { type: 'stats' }, 'stats');
    const lateness = summary(reports.flatMap((r) => r.latencies as number[]));
    const received = reports.reduce((n, r) => n + Number(r.received), 0);
    const row = {
      sockets: Number(stats.sockets),
      'ticks/s delivered': Math.round(received / 5),
      'tick lateness p50 ms': lateness.p50,
      'p99 ms': lateness.p99,
      'rss MiB': Math.round(Number(stats.rss) / 2 ** 20),
      'rss KiB/socket': Math.round((Number(stats.rss) - Number(base.rss)) / 1024 / Number(stats.sockets)),
      'heap KiB/socket': Math.round(
        (Number(stats.heapUsed) - Number(base.heapUsed)) / 1024 / Number(stats.sockets),
      ),
      'loop delay p99 ms': Math.round(Number(stats.loopP99Ms)),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    if (lateness.p99 > 2000) {
      console.log('p99 tick lateness above 2 s: stopping the ramp');
      break;
    }
  }
  console.table(rows);
  for (const c of clients) c.send({ type: 'close' });
  await stack.stop();
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
