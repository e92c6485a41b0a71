import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { InProcessBackbone, createMessage } from '@simplebank/events';
import { login, makeApp, metricsAuth, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';
import { collect, connected, listen, orderView, socketClient } from './sockets.ts';

/** The value of one sample line in the Prometheus text, found by its exact name and labels. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('BFF realtime metrics', () => {
  let services: FakeServices;
  let bus: InProcessBackbone;
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const metrics = async () =>
    (await t.app.inject({ method: 'GET', url: '/metrics', headers: metricsAuth })).body;

  beforeAll(async () => {
    services = await startFakeServices();
    bus = new InProcessBackbone();
    t = await makeApp({ services: services.urls }, { eventSource: bus });
    url = await listen(t.app);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
    await bus.close();
    await services.close();
  });

  it('counts the sockets connected to this instance and times each push per topic', async () => {
    expect(sample(await metrics(), 'realtime_connected_sockets{service="bff"}')).toBe(0);
    for (const user of ['alice', 'admin']) {
      const socket = socketClient(url, await login(t.app, user));
      sockets.push(socket);
      await connected(socket);
    }
    await expect
      .poll(async () => sample(await metrics(), 'realtime_connected_sockets{service="bff"}'))
      .toBe(2);

    const got = collect(sockets[0]!, 'orders');
    // Written two seconds ago: the push latency counts from when the service wrote the event.
    await bus.publish(
      createMessage(
        'evt.orders.OrderViewUpdated',
        { view: orderView('o-alice-1', 'a-alice-1', 3) },
        { source: 'orders', correlationId: 'o-alice-1', occurredAt: new Date(Date.now() - 2000) },
      ),
    );
    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(1);
    const text = await metrics();
    expect(sample(text, 'realtime_push_latency_seconds_count{service="bff",topic="orders"}')).toBe(1);
    expect(
      sample(text, 'realtime_push_latency_seconds_sum{service="bff",topic="orders"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'realtime_push_latency_seconds_bucket{le="1",service="bff",topic="orders"}')).toBe(0);

    sockets.pop()!.close();
    await expect
      .poll(async () => sample(await metrics(), 'realtime_connected_sockets{service="bff"}'))
      .toBe(1);
  });
});
