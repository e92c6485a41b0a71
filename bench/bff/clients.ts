// Socket clients in their own process (forked by run.ts): opens BENCH_SOCKETS connections to the
// BFF with the given session cookie, subscribes to BENCH_TOPIC, and records how late each message
// arrives: for `orders`, receipt time minus the publish time carried in the order id; for `prices`,
// receipt time minus the tick's priceTime. For `prices` (thousands of sockets) the sockets are
// raw-client.ts's, which cost this process far less than socket.io-client's.
import { io } from 'socket.io-client';
import { openRawSocket, type RawSocket } from './raw-client.ts';

const url = process.env.BENCH_URL ?? '';
const cookie = process.env.BENCH_COOKIE ?? '';
const topic = process.env.BENCH_TOPIC ?? 'orders';
const sockets: { close(): void; readonly connected: boolean }[] = [];
let latencies: number[] = [];
let received = 0;

function onMessage(m: { id?: string; priceTime?: string }): void {
  const now = performance.timeOrigin + performance.now();
  received++;
  if (topic === 'orders' && m.id?.startsWith('bench-')) latencies.push(now - Number(m.id.slice(6)));
  else if (m.priceTime) latencies.push(now - Date.parse(m.priceTime));
}

async function open(): Promise<void> {
  if (topic === 'prices') {
    const raw: RawSocket = await openRawSocket(url, cookie ? { cookie } : {}, topic, (event, data) => {
      if (event === topic) onMessage(data as { priceTime?: string });
    });
    sockets.push(raw);
    return;
  }
  return new Promise((resolve, reject) => {
    const s = io(url, {
      path: '/realtime',
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      forceNew: true,
    });
    s.once('connect', () => {
      if (topic !== 'orders') s.emit('subscribe', topic);
      resolve();
    });
    s.once('connect_error', reject);
    s.on(topic, onMessage);
    sockets.push(s);
  });
}

// Never outlive the benchmark that forked it (a crashed run would leave it holding memory and CPU).
process.on('disconnect', () => process.exit(1));
process.on('message', (raw) => {
  const command = raw as { type: 'open'; count: number } | { type: 'report' } | { type: 'close' };
  if (command.type === 'open') {
    void (async () => {
      // In batches, so the ramp measures holding sockets rather than a connection storm.
      for (let i = 0; i < command.count; i += 100)
        await Promise.all(Array.from({ length: Math.min(100, command.count - i) }, () => open()));
      process.send?.({ type: 'opened', total: sockets.length });
    })().catch((err: unknown) => process.send?.({ type: 'error', message: String(err) }));
  } else if (command.type === 'report') {
    process.send?.({
      type: 'report',
      latencies,
      received,
      connected: sockets.filter((s) => s.connected).length,
    });
    latencies = [];
    received = 0;
  } else {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
process.send?.({ type: 'ready' });
