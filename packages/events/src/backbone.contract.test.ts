import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessage, type AnyEnvelope, type EventBackbone } from './index.ts';
import { InProcessBackbone } from './in-process.ts';
import { NatsBackbone } from './nats.ts';
import { serverSuite } from './servers.ts';

const nats = await serverSuite('NATS JetStream', '127.0.0.1', 4222);

interface Impl {
  name: string;
  run: boolean;
  create: () => Promise<EventBackbone & { deleteStream?: () => Promise<void> }>;
}

const implementations: Impl[] = [
  { name: 'in-process', run: true, create: async () => new InProcessBackbone({ redeliveryDelayMs: 10 }) },
  {
    name: 'NATS JetStream',
    run: nats.run,
    create: async () => {
      const tag = randomUUID().slice(0, 8);
      return NatsBackbone.connect({
        url: 'nats://127.0.0.1:4222',
        stream: `TEST_${tag}`,
        subjectPrefix: `t${tag}`,
      });
    },
  },
];

function ping(n: number) {
  return createMessage('evt.test.Ping', { n }, { source: 'test' });
}

/** Resolves once `count` messages were collected (the handler may be invoked more often). */
function collector() {
  const seen: AnyEnvelope[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    seen,
    push(message: AnyEnvelope) {
      seen.push(message);
      for (const w of waiters) if (seen.length >= w.count) w.resolve();
    },
    waitFor(count: number) {
      if (seen.length >= count) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ count, resolve }));
    },
  };
}

for (const impl of implementations) {
  describe.skipIf(!impl.run)(`event backbone contract: ${impl.name}`, () => {
    let current: Awaited<ReturnType<Impl['create']>> | undefined;
    const open = async () => (current = await impl.create());
    afterEach(async () => {
      await current?.deleteStream?.();
      await current?.close();
      current = undefined;
    });

    it('delivers matching messages only, with their envelope intact', async () => {
      const bus = await open();
      const got = collector();
      await bus.subscribe({ consumer: 'c1', subjects: ['evt.test.>'], handler: async (m) => got.push(m) });
      const other = collector();
      await bus.subscribe({
        consumer: 'c2',
        subjects: ['evt.orders.*'],
        handler: async (m) => other.push(m),
      });
      const sent = ping(1);
      await bus.publish(sent);
      await got.waitFor(1);
      expect(got.seen[0]).toEqual(sent);
      expect(other.seen).toHaveLength(0);
    });

    it('fans out to every consumer and keeps order within one consumer', async () => {
      const bus = await open();
      const a = collector();
      const b = collector();
      await bus.subscribe({ consumer: 'a', subjects: ['evt.test.Ping'], handler: async (m) => a.push(m) });
      await bus.subscribe({ consumer: 'b', subjects: ['evt.test.Ping'], handler: async (m) => b.push(m) });
      for (let n = 0; n < 5; n++) await bus.publish(ping(n));
      await Promise.all([a.waitFor(5), b.waitFor(5)]);
      expect(a.seen.map((m) => (m.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
      expect(b.seen).toHaveLength(5);
    });

    it('redelivers a message whose handler failed', async () => {
      const bus = await open();
      const got = collector();
      let failures = 0;
      await bus.subscribe({
        consumer: 'flaky',
        subjects: ['evt.test.>'],
        handler: async (m) => {
          if (failures < 2) {
            failures++;
            throw new Error('not yet');
          }
          got.push(m);
        },
      });
      const sent = ping(7);
      await bus.publish(sent);
      await got.waitFor(1);
      expect(failures).toBe(2);
      expect(got.seen[0]!.id).toBe(sent.id);
    });

    it('with everyInstance, hands every subscriber of one consumer name every message, in order', async () => {
      const bus = await open();
      const a = collector();
      const b = collector();
      const subA = await bus.subscribe({
        consumer: 'prices',
        subjects: ['evt.test.Ping'],
        startAt: 'new',
        everyInstance: true,
        handler: async (m) => a.push(m),
      });
      await bus.subscribe({
        consumer: 'prices',
        subjects: ['evt.test.Ping'],
        startAt: 'new',
        everyInstance: true,
        handler: async (m) => b.push(m),
      });
      for (let n = 0; n < 6; n++) await bus.publish(ping(n));
      await Promise.all([a.waitFor(6), b.waitFor(6)]);
      expect(a.seen.map((m) => (m.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(b.seen.map((m) => (m.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
      await subA.unsubscribe();
      await bus.publish(ping(6));
      await b.waitFor(7);
      expect(a.seen).toHaveLength(6);
    });

    it('keeps messages for a detached durable consumer and delivers them on resubscribe', async () => {
      const bus = await open();
      const first = collector();
      const sub = await bus.subscribe({
        consumer: 'durable',
        subjects: ['evt.test.>'],
        handler: async (m) => first.push(m),
      });
      await bus.publish(ping(1));
      await first.waitFor(1);
      await sub.unsubscribe();
      await bus.publish(ping(2));
      await bus.publish(ping(3));
      const second = collector();
      await bus.subscribe({
        consumer: 'durable',
        subjects: ['evt.test.>'],
        handler: async (m) => second.push(m),
      });
      await second.waitFor(2);
      expect(second.seen.map((m) => (m.data as { n: number }).n)).toEqual([2, 3]);
    });

    it('with concurrency, handles different flows side by side and each flow in order', async () => {
      const bus = await open();
      const order: Record<string, number[]> = { a: [], b: [], c: [] };
      let active = 0;
      let maxActive = 0;
      const done = collector();
      await bus.subscribe({
        consumer: 'parallel',
        subjects: ['evt.test.>'],
        concurrency: 4,
        handler: async (m) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 20));
          order[m.correlationId!]!.push((m.data as { n: number }).n);
          active--;
          done.push(m);
        },
      });
      for (let n = 0; n < 4; n++)
        for (const key of ['a', 'b', 'c'])
          await bus.publish(createMessage('evt.test.Ping', { n }, { source: 'test', correlationId: key }));
      await done.waitFor(12);
      expect(order).toEqual({ a: [0, 1, 2, 3], b: [0, 1, 2, 3], c: [0, 1, 2, 3] });
      expect(maxActive).toBeGreaterThan(1);
      expect(maxActive).toBeLessThanOrEqual(4);
    });

    it('refuses a message whose data does not match its schema', () => {
      expect(() => createMessage('evt.test.Ping', { n: 1.5 }, { source: 'test' })).toThrow();
    });
  });
}
