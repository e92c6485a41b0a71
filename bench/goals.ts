// Issue 16's goals, and the table `npm run bench` writes: each figure beside the baseline measured
// in the same run and the goal, with whether it is met.

/** Results by benchmark name, as each benchmark wrote them (or `{ error }`). */
export type Figures = Record<string, unknown>;

interface Row {
  measure: string;
  figure: string;
  baseline: string;
  goal: string;
  met: boolean | null;
  bench: string;
}

type Json = Record<string, unknown>;
const get = (figures: Figures, bench: string): Json | null => {
  const value = figures[bench] as Json | undefined;
  return value && !('error' in value) ? value : null;
};
const at = (value: Json | null, ...keys: string[]): number | undefined => {
  let current: unknown = value;
  for (const key of keys) current = (current as Json | null | undefined)?.[key];
  return typeof current === 'number' && Number.isFinite(current) ? current : undefined;
};
const show = (n: number | undefined, unit = '') => (n === undefined ? 'not measured' : `${n}${unit}`);

/** Transactions per order in the nats-pg shape that the pgbench ceiling divides by (issue 16). */
const TRANSACTIONS_PER_ORDER = 12;

function rows(figures: Figures): Row[] {
  const embedded = get(figures, 'saga-embedded');
  const natsPg = get(figures, 'saga-nats-pg');
  const pgbench = get(figures, 'pgbench');
  const statements = get(figures, 'statements');
  const memory = get(figures, 'memory');
  const ui = get(figures, 'orders-ui');
  const pglite = get(figures, 'pglite-query');
  const federation = get(figures, 'federation');
  const gzipRatio = at(federation, 'gzipRatio');
  const renderRatio = at(federation, 'renderP50Ratio');
  const portfolio = get(figures, 'bff-portfolio');
  const sockets = get(figures, 'bff-sockets');
  const added = at(portfolio, 'bff', 'addedOverCriticalPathMs');
  const ownCpu = at(portfolio, 'bff', 'ownCpuMsPerRequest');
  // The ramp's last step (it stops early once ticks fall 2 s behind): the most sockets it held.
  const lastStep = (rows: unknown): Json | null =>
    Array.isArray(rows) && rows.length > 0 ? (rows.at(-1) as Json) : null;
  const bffSockets = lastStep(sockets?.bff);
  const rawSockets = lastStep(sockets?.baseline);
  // Why the baseline's ramp ended before 10,000 sockets, if it did (bench/bff/run.ts, `ramp`).
  const rawStop = sockets?.baselineStoppedBecause;
  const rawStopNote =
    typeof rawStop === 'string' && !rawStop.startsWith('reached') ? `; then ${rawStop}` : '';
  const perSocket = at(bffSockets, 'rssKiBPerSocket');
  const lateness = at(bffSockets, 'latenessP99Ms');
  const socketCount = at(bffSockets, 'sockets');
  const ceiling = at(pgbench, 'tps') !== undefined ? at(pgbench, 'tps')! / TRANSACTIONS_PER_ORDER : undefined;
  const natsThroughput = at(natsPg, 'completedPerSecond');
  const uiPushOverLag = at(ui, 'summary', 'readModelFirstVersionMinusLag', 'p95');
  const optimistic = at(ui, 'summary', 'clickToOptimisticRow', 'p95');
  const statementsPerOrder = at(statements, 'statementsPerOrder');
  const rss = at(memory, 'totalRssMiB');
  const embeddedThroughput = at(embedded, 'completedPerSecond');
  const openEmbedded = get(figures, 'open-loop-embedded');
  const openNatsPg = get(figures, 'open-loop-nats-pg');
  const openP95 = [at(openEmbedded, 'commandLatencyMs', 'p95'), at(openNatsPg, 'commandLatencyMs', 'p95')];
  const openShare = [
    at(openEmbedded, 'completedWithinLagPlus1sShare'),
    at(openNatsPg, 'completedWithinLagPlus1sShare'),
  ];
  const percent = (share: number | undefined) =>
    share === undefined ? 'not measured' : `${(share * 100).toFixed(1)}%`;
  const openMeasured = [...openP95, ...openShare].every((v) => v !== undefined);
  return [
    {
      measure: 'saga throughput, embedded, 500 orders (50 clients)',
      figure: show(embeddedThroughput, ' orders/s'),
      baseline: '—',
      goal: '≥ 150 orders/s',
      met: embeddedThroughput === undefined ? null : embeddedThroughput >= 150,
      bench: 'saga-embedded',
    },
    {
      measure: 'saga throughput, NATS + PostgreSQL, 500 orders',
      figure: show(natsThroughput, ' orders/s'),
      baseline:
        ceiling === undefined
          ? 'pgbench not measured'
          : `pgbench ${at(pgbench, 'tps')!.toFixed(0)} TPS ÷ ${TRANSACTIONS_PER_ORDER} = ${ceiling.toFixed(0)} orders/s`,
      goal: '≥ 0.8 × the pgbench ceiling',
      met: natsThroughput === undefined || ceiling === undefined ? null : natsThroughput >= 0.8 * ceiling,
      bench: 'saga-nats-pg, pgbench',
    },
    {
      measure: 'place-order command p95, 50 closed-loop clients',
      figure: `embedded ${show(at(embedded, 'commandLatencyMs', 'p95'), ' ms')}; NATS + PostgreSQL ${show(at(natsPg, 'commandLatencyMs', 'p95'), ' ms')}`,
      baseline: `pgbench latency ${show(at(pgbench, 'latencyAverageMs'), ' ms')}`,
      goal: '(throughput only: a closed loop)',
      met: null,
      bench: 'saga-embedded, saga-nats-pg',
    },
    {
      measure:
        'place-order at a steady 100 orders/s offered for 30 s (open loop): command p95; completed within lag + 1 s',
      figure: `embedded ${show(openP95[0], ' ms')}, ${percent(openShare[0])}; NATS + PostgreSQL ${show(openP95[1], ' ms')}, ${percent(openShare[1])}`,
      baseline: '—',
      goal: 'p95 < 50 ms and 100% within lag + 1 s, in both modes',
      met: openMeasured ? openP95.every((p) => p! < 50) && openShare.every((s) => s === 1) : null,
      bench: 'open-loop-embedded, open-loop-nats-pg',
    },
    {
      measure: 'statements per order, embedded (BEGIN and COMMIT counted)',
      figure: `${show(statementsPerOrder)} statements, ${show(at(statements, 'transactionsPerOrder'))} transactions`,
      baseline: '—',
      goal: '≤ 25 statements',
      met: statementsPerOrder === undefined ? null : statementsPerOrder <= 25,
      bench: 'statements',
    },
    {
      measure: 'memory after `npm start`',
      figure:
        rss === undefined
          ? 'not measured'
          : `${rss} MiB RSS in ${((memory?.processes as unknown[] | undefined) ?? []).length} processes`,
      baseline: '—',
      goal: '≤ 600 MiB',
      met: rss === undefined ? null : rss <= 600,
      bench: 'memory',
    },
    {
      measure: 'click → first pushed state (read model lag 2000 ms), p95',
      figure: uiPushOverLag === undefined ? 'not measured' : `lag + ${uiPushOverLag} ms`,
      baseline: 'the lag',
      goal: '≤ lag + 50 ms',
      met: uiPushOverLag === undefined ? null : uiPushOverLag <= 50,
      bench: 'orders-ui',
    },
    {
      measure: 'click → optimistic row, p95',
      figure: show(optimistic, ' ms'),
      baseline: 'one frame, 16.7 ms',
      goal: '≤ 16 ms',
      met: optimistic === undefined ? null : optimistic <= 16,
      bench: 'orders-ui',
    },
    {
      measure: 'module federation vs the same UI as one bundle (/trade, cold)',
      figure:
        federation === null
          ? 'not measured'
          : `JS gzip ${show(at(federation, 'federated', 'jsGzipKB'), ' KB')}, first render p50 ${show(at(federation, 'federated', 'renderP50ms'), ' ms')}: ${show(gzipRatio, '×')} in bytes, ${show(renderRatio, '×')} in time`,
      baseline: `single bundle: ${show(at(federation, 'single', 'jsGzipKB'), ' KB')}, ${show(at(federation, 'single', 'renderP50ms'), ' ms')}`,
      goal: '≤ 1.3× in bytes and in first render',
      met:
        gzipRatio === undefined || renderRatio === undefined ? null : gzipRatio <= 1.3 && renderRatio <= 1.3,
      bench: 'federation',
    },
    {
      measure: '`GET /api/portfolio` added latency over its critical path, 1 client, p50',
      figure: added === undefined ? 'not measured' : `+ ${added} ms`,
      baseline: `bare undici fan-out server + ${show(at(portfolio, 'baseline', 'addedOverCriticalPathMs'), ' ms')}`,
      goal: '≤ + 1 ms',
      met: added === undefined ? null : added <= 1,
      bench: 'bff-portfolio',
    },
    {
      measure: "`GET /api/portfolio`, the BFF's own CPU per request (its downstream calls' CPU taken off)",
      figure: show(ownCpu, ' ms'),
      baseline: `bare undici fan-out server ${show(at(portfolio, 'baseline', 'ownCpuMsPerRequest'), ' ms')}`,
      goal: '≤ 0.5 ms',
      met: ownCpu === undefined ? null : ownCpu <= 0.5,
      bench: 'bff-portfolio',
    },
    {
      measure: `price ticks to ${socketCount === undefined ? 'many' : socketCount.toLocaleString('en')} sockets on one instance (ramp up to 10,000), memory per socket and p99 lateness`,
      figure:
        perSocket === undefined
          ? 'not measured'
          : `${perSocket} KiB RSS (${show(at(bffSockets, 'heapKiBPerSocket'))} KiB heap) per socket, p99 lateness ${show(lateness, ' ms')} (${show(at(bffSockets, 'messagesPerSecond'))} messages/s)`,
      baseline:
        rawSockets === null
          ? 'not measured'
          : `raw socket.io at ${show(at(rawSockets, 'sockets'))} sockets: ${show(at(rawSockets, 'rssKiBPerSocket'), ' KiB')} RSS (${show(at(rawSockets, 'heapKiBPerSocket'), ' KiB')} heap) per socket, p99 ${show(at(rawSockets, 'latenessP99Ms'), ' ms')}${rawStopNote}`,
      goal: '≤ 30 KB per socket, p99 lateness ≤ 500 ms, at 10,000 sockets',
      met:
        perSocket === undefined || lateness === undefined || socketCount === undefined
          ? null
          : perSocket * 1.024 <= 30 && lateness <= 500 && socketCount >= 10_000,
      bench: 'bff-sockets',
    },
    {
      measure: 'one trivial PGlite query',
      figure: `services' layer ${show(at(pglite, 'serviceLayerMicrosPerQuery'), ' µs')}`,
      baseline: `PGlite as shipped ${show(at(pglite, 'plainPgliteMicrosPerQuery'), ' µs')}`,
      goal: '(a part of the order path)',
      met: null,
      bench: 'pglite-query',
    },
  ];
}

export function tableOfGoals(figures: Figures, loads: Record<string, number>): string {
  const lines = [
    '| measure | figure | baseline in the same run | goal | met | load average before |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows(figures)) {
    const names = row.bench.split(', ');
    const loadBefore = names.map((n) => loads[n]).filter((l) => l !== undefined);
    lines.push(
      `| ${row.measure} | ${row.figure} | ${row.baseline} | ${row.goal} | ${row.met === null ? '—' : row.met ? 'yes' : 'no'} | ${loadBefore.length ? loadBefore.join(', ') : 'not run'} |`,
    );
  }
  return lines.join('\n');
}
