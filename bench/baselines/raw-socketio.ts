// Baseline of issue 16 for price ticks to many sockets: raw socket.io on a bare node:http server,
// no session, no origin check, no connection recovery, broadcasting the same messages to the same
// number of sockets as the BFF (BENCH_ASSETS price messages, one per asset, to the room of the
// sockets that emitted `subscribe`, every BENCH_TICK_MS). Forked by bench/bff/run.ts in place of
// bench/bff/stack.ts, and answers the same `stats` and `stop`.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

const tickMs = Number(process.env.BENCH_TICK_MS ?? 1000);
const assets = Array.from({ length: Number(process.env.BENCH_ASSETS ?? 22) }, (_, i) => `ASSET${i}`);
const server = http.createServer((_req, res) => res.writeHead(404).end());
const io = new Server(server, { path: '/realtime', serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (topic: unknown) => {
    if (topic === 'prices') void socket.join('topic:prices');
  });
});
let version = 0;
const ticker = setInterval(() => {
  const at = new Date().toISOString();
  version++;
  for (const assetId of assets)
    io.to('topic:prices').emit('prices', { version, assetId, price: '100.00', priceTime: at });
}, tickMs);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

// Never outlive the benchmark that forked it (a crashed run would leave it holding memory and CPU).
process.on('disconnect', () => process.exit(1));
process.on('message', (raw) => {
  const command = raw as { type: 'stats' | 'stop' };
  if (command.type === 'stats') {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'stats',
      cpuMs: (cpu.user + cpu.system) / 1000,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      sockets: io.engine.clientsCount,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMeanMs: loop.mean / 1e6,
    });
    loop.reset();
  } else if (command.type === 'stop') {
    clearInterval(ticker);
    void io.close(() => process.exit(0));
  }
});
process.send?.({ type: 'ready', bff: `http://127.0.0.1:${port}`, services: {} });
