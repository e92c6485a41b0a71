import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { OutageDrills, startDrillServer } from './outage-drill.ts';
import { SERVICE_NAMES, type ServiceName } from './service-names.ts';

const servers = {} as Record<ServiceName, Server>;
const urls = {} as Record<ServiceName, string>;
let control: FastifyInstance;
let controlUrl: string;

beforeAll(async () => {
  for (const name of SERVICE_NAMES) {
    const server = createServer((_req, res) => res.end(name));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers[name] = server;
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  control = await startDrillServer(new OutageDrills(servers), 0);
  controlUrl = `http://127.0.0.1:${(control.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await control.close();
  for (const server of Object.values(servers)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** What a caller of the service sees: its answer, or the connection error. */
const reach = (name: ServiceName) =>
  fetch(urls[name]).then(
    (res) => res.text(),
    (err: Error) => `error: ${err.message}`,
  );
const drill = (body: unknown) =>
  fetch(`${controlUrl}/drills/outages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('outage drills', () => {
  it('resets every connection to the drilled service until the outage ends, and only that service', async () => {
    expect(await reach('orders')).toBe('orders');
    // A minute, cut short below: the checks during the outage do not race its end.
    const started = await drill({ service: 'orders', durationMs: 60_000 });
    expect(started.status).toBe(201);
    expect((await started.json()) as { service: string }).toMatchObject({ service: 'orders' });

    expect(await reach('orders')).toMatch(/^error: /);
    expect(await reach('accounts')).toBe('accounts');
    const listed = (await (await fetch(`${controlUrl}/drills/outages`)).json()) as {
      items: { service: string }[];
    };
    expect(listed.items.map((o) => o.service)).toEqual(['orders']);

    // Cut to 1 ms: once it has passed, the service answers again and no drill is listed.
    expect((await drill({ service: 'orders', durationMs: 1 })).status).toBe(201);
    await expect.poll(() => reach('orders'), { timeout: 30_000 }).toBe('orders');
    expect(((await (await fetch(`${controlUrl}/drills/outages`)).json()) as { items: [] }).items).toEqual([]);
  });

  it('refuses an unknown service or an outage that is not a drill, naming the field', async () => {
    const unknown = await drill({ service: 'payments', durationMs: 1000 });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/service/);

    const tooLong = await drill({ service: 'orders', durationMs: 3_600_000 });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { message: string }).message).toMatch(/durationMs must be <= 60000/);
    expect(await reach('orders')).toBe('orders');
  });
});
