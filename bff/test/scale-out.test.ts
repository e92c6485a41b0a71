import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { NatsBackbone, createMessage, serverSuite } from '@simplebank/events';
import { connectNatsEventSource, type ConnectedEventSource } from '../src/realtime/nats-source.ts';
import { login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';
import { collect, connected, listen, orderView, settle, socketClient } from './sockets.ts';

// Skipped with a printed reason when a server does not answer; an error with SIMPLEBANK_REQUIRE_SERVERS=1.
const redis = await serverSuite('Redis', '127.0.0.1', 6379);
const nats = await serverSuite('NATS JetStream', '127.0.0.1', 4222);

describe.skipIf(!redis.run || !nats.run)(
  'scale-out: two BFF instances on NATS JetStream and Redis, services in other processes',
  () => {
    const tag = randomUUID().slice(0, 8);
    const stream = `TEST_BFF_${tag}`;
    const prefix = `tbff${tag}`;
    let services: FakeServices;
    /** Stands for the services' own processes: it publishes on the stream as they do. */
    let publisher: NatsBackbone;
    const sources: ConnectedEventSource[] = [];
    const apps: TestApp[] = [];
    const sockets: Socket[] = [];

    async function instance(dataDir?: string): Promise<{ t: TestApp; url: string }> {
      const config = {
        services: services.urls,
        redisUrl: 'redis://127.0.0.1:6379',
        redisPrefix: `sb-test-${tag}`,
        natsUrl: 'nats://127.0.0.1:4222',
        natsStream: stream,
        natsSubjectPrefix: prefix,
        // Same data folder: the session made on one instance is valid on the other (shared secret and users).
        ...(dataDir ? { dataDir, registryDir: `${dataDir}/registry` } : {}),
      };
      const source = await connectNatsEventSource({ ...config, port: apps.length });
      sources.push(source);
      const t = await makeApp(config, { eventSource: source.source });
      apps.push(t);
      return { t, url: await listen(t.app) };
    }

    async function open(url: string, cookie: string, ...topics: string[]): Promise<Socket> {
      const s = socketClient(url, cookie);
      sockets.push(s);
      await connected(s);
      for (const topic of topics) s.emit('subscribe', topic);
      return s;
    }

    beforeAll(async () => {
      services = await startFakeServices();
      publisher = await NatsBackbone.connect({
        url: 'nats://127.0.0.1:4222',
        stream,
        subjectPrefix: prefix,
        name: 'test-services',
      });
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      // The first app owns the shared data folder: close it last.
      for (const t of [...apps].reverse()) await t.close();
      for (const s of sources) await s.close();
      await publisher?.deleteStream().catch(() => undefined);
      await publisher?.close();
      await services?.close();
    });

    it("pushes a service's event once to the sockets it concerns, whichever instance they are connected to", async () => {
      const a = await instance();
      const b = await instance(a.t.dir);
      const alice = await open(b.url, await login(a.t.app, 'alice'), 'prices');
      const bob = await open(a.url, await login(b.t.app, 'bob'), 'prices');
      const admin = await open(a.url, await login(a.t.app, 'admin'));
      const [aliceOrders, bobOrders, adminOrders, alicePrices, bobPrices] = [
        collect(alice, 'orders'),
        collect(bob, 'orders'),
        collect(admin, 'orders'),
        collect(alice, 'prices'),
        collect(bob, 'prices'),
      ];
      await settle(300);

      for (let version = 1; version <= 3; version++) {
        await publisher.publish(
          createMessage(
            'evt.orders.OrderViewUpdated',
            { view: orderView('o-scale-1', 'a-alice-1', version) },
            { source: 'orders', correlationId: 'o-scale-1' },
          ),
        );
      }
      await publisher.publish(
        createMessage(
          'evt.market.PriceTick',
          { prices: [{ assetId: 'ABC', price: '12.50', currency: 'EUR', at: '2026-11-26T10:00:01.000Z' }] },
          { source: 'market' },
        ),
      );

      await expect.poll(() => aliceOrders.length).toBe(3);
      await expect.poll(() => alicePrices.length).toBe(1);
      await settle(700);
      // Each event exactly once: the instances share one consumer and the adapter fans out. Two
      // instances may handle versions of one order side by side, so they can arrive out of order;
      // the client keeps the highest version (docs/CONTRACTS.md), so that is harmless.
      const versions = (got: unknown[]) => got.map((o) => (o as { version: number }).version).sort();
      expect(versions(aliceOrders)).toEqual([1, 2, 3]);
      expect(versions(adminOrders)).toEqual([1, 2, 3]);
      expect(aliceOrders[0]).toMatchObject({ id: 'o-scale-1', accountId: 'a-alice-1', status: 'placed' });
      expect(bobOrders).toEqual([]);
      expect(alicePrices).toEqual([
        {
          version: Date.parse('2026-11-26T10:00:01.000Z'),
          assetId: 'ABC',
          price: '12.50',
          priceTime: '2026-11-26T10:00:01.000Z',
        },
      ]);
      expect(bobPrices).toEqual(alicePrices);
    });

    it('lists Redis and NATS among its dependencies when they are configured', async () => {
      const [a] = apps as [TestApp];
      const res = await a.app.inject({
        method: 'GET',
        url: '/api/health/ready',
        headers: { cookie: await login(a.app, 'admin') },
      });
      expect(res.statusCode).toBe(200);
      const dependencies = res.json().dependencies as { name: string; status: string }[];
      expect(dependencies.filter((d) => d.name === 'redis' || d.name === 'nats')).toEqual([
        expect.objectContaining({ name: 'redis', status: 'up' }),
        expect.objectContaining({ name: 'nats', status: 'up' }),
      ]);
    });

    it('keeps pushing through the surviving instance when one stops', async () => {
      const [a, b] = apps as [TestApp, TestApp];
      const bUrl = `http://127.0.0.1:${(b.app.server.address() as { port: number }).port}`;
      const alice = await open(bUrl, await login(a.app, 'alice'));
      const got = collect(alice, 'orders');
      await settle(300);
      // Instance A stops consuming (as if it were stopped): B's share of the consumer takes every event.
      await sources[0]?.close();
      for (let version = 10; version <= 12; version++) {
        await publisher.publish(
          createMessage(
            'evt.orders.OrderViewUpdated',
            { view: orderView('o-scale-2', 'a-alice-1', version) },
            { source: 'orders', correlationId: 'o-scale-2' },
          ),
        );
      }
      await expect
        .poll(() => got.map((o) => (o as { version: number }).version), { timeout: 10_000 })
        .toEqual([10, 11, 12]);
    });
  },
);
