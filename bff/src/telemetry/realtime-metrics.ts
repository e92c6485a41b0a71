import { Gauge, Histogram, type Registry } from 'prom-client';
import type { Realtime, Topic } from '../realtime/realtime.ts';

/** Told of each push the event bridge made: its topic and when the event behind it happened. */
export type PushObserver = (topic: Topic, occurredAt: string | undefined) => void;

/**
 * The BFF's realtime metrics: sockets connected to this instance, and how long an event takes from
 * being written by a service (its envelope's `occurredAt`) to being emitted to the sockets, per
 * topic. Price ticks are measured when handed to the conflation in `Realtime.price`, which holds
 * them up to its interval (250 ms) more.
 */
export function realtimeMetrics(registry: Registry, realtime: Realtime): { pushed: PushObserver } {
  new Gauge({
    name: 'realtime_connected_sockets',
    help: 'socket.io connections open on this BFF instance',
    registers: [registry],
    collect() {
      this.set(realtime.io.of('/').sockets.size);
    },
  });
  const latency = new Histogram({
    name: 'realtime_push_latency_seconds',
    help: 'Time from a service writing an event to the BFF pushing it to the sockets, per topic',
    labelNames: ['topic'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    pushed(topic, occurredAt) {
      const at = occurredAt ? Date.parse(occurredAt) : NaN;
      if (Number.isFinite(at)) latency.observe({ topic }, Math.max(0, Date.now() - at) / 1000);
    },
  };
}
