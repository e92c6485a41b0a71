// The system under test, run as a child process of run.ts so the load generator and the socket
// clients do not share its event loop: the embedded services plus one BFF, as `npm start` runs them.
// Also runs the portfolio's baseline (bench/baselines/fanout-server.ts). Talks to the parent over
// IPC: `ready` with the URLs, then answers `publish`, `stats`, `tokens` and `stop`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildBff, loadConfig } from '@simplebank/bff';
import { createMessage } from '@simplebank/events';
import { startEmbeddedServices } from '@simplebank/services-embedded';
import { directHeaders, startFanoutServer } from '../baselines/fanout-server.ts';
import { benchOrderView } from './order-view.ts';

const tickMs = Number(process.env.BENCH_TICK_MS ?? 3_600_000);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-bff-'));
const services = await startEmbeddedServices({
  dataDir: 'memory://',
  readModelLagMs: 0,
  logLevel: 'silent',
  market: { tickMs },
});
const config = loadConfig(
  {},
  {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    registryDir: join(dataDir, 'registry'),
    shellDist: null,
    seedAppsDir: null,
    embedded: true,
    logLevel: 'silent',
    services: services.urls,
    serviceTokenPrivateKey: services.keys.bff.privateKey,
  },
);
const app = await buildBff(config, { eventSource: services.bus });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
// The portfolio's baseline, in this process like the BFF, so both share the services' event loop.
const fanout = await startFanoutServer(services.urls, services.keys.bff.privateKey, {
  userId: 'u-alice',
  customerId: 'c-alice',
});
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

type Command =
  | { type: 'publish'; count: number; intervalMs: number }
  | { type: 'stats' }
  | { type: 'tokens' }
  | { type: 'stop' };

// Never outlive the benchmark that forked it (a crashed run would leave it holding memory and CPU).
process.on('disconnect', () => process.exit(1));
process.on('message', (raw) => {
  const command = raw as Command;
  if (command.type === 'publish') {
    void (async () => {
      for (let i = 0; i < command.count; i++) {
        // The publish time travels in the order id; the clients subtract it from their receipt time.
        const sentAt = performance.timeOrigin + performance.now();
        const view = benchOrderView(`bench-${sentAt.toFixed(3)}`, 'a-alice-1', i + 1);
        await services.bus.publish(
          createMessage(
            'evt.orders.OrderViewUpdated',
            { view },
            { source: 'orders', correlationId: view.id },
          ),
        );
        await new Promise((r) => setTimeout(r, command.intervalMs));
      }
      process.send?.({ type: 'published' });
    })();
  } else if (command.type === 'stats') {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'stats',
      cpuMs: (cpu.user + cpu.system) / 1000,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      sockets: app.realtime.io.engine.clientsCount,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMeanMs: loop.mean / 1e6,
    });
    loop.reset();
  } else if (command.type === 'tokens') {
    // Tokens live 60 s: the load generator asks for fresh ones before each series of direct calls.
    void directHeaders(services.keys.bff.privateKey, ['accounts', 'orders', 'market'], 'u-alice').then(
      (headers) => process.send?.({ type: 'tokens', headers }),
    );
  } else if (command.type === 'stop') {
    void (async () => {
      await fanout.close();
      await app.close();
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    })();
  }
});
process.send?.({
  type: 'ready',
  bff: `http://127.0.0.1:${port}`,
  fanout: fanout.url,
  services: services.urls,
});
