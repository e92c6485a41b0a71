import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SERVICE_ATTRIBUTE, createLogger, startTracing, type Tracing } from '@simplebank/service-kit';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { CSRF, login, makeApp, type TestApp } from './helpers.ts';
import { collect, connected, listen, socketClient } from './sockets.ts';

/**
 * One order placed through the BFF, with the services embedded (real HTTP, real saga on the
 * in-process bus) and an in-memory span exporter: every part of the order's life joins the trace
 * of its POST.
 */
describe('tracing: one trace from the POST to the push', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | null;
  let services: EmbeddedServices;
  let t: TestApp;

  beforeAll(async () => {
    // Before the apps are built: the Fastify instrumentation is added as each app is created.
    tracing = startTracing({ serviceName: 'simplebank-test', exporter });
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 20,
      market: { tickMs: 0 },
      logger: createLogger('tracing-test', 'silent'),
    });
    t = await makeApp(
      { services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey },
      { eventSource: services.bus },
    );
  }, 400_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
    await tracing?.shutdown();
  });

  it('joins the BFF, orders, accounts and market spans, the saga steps, the projector and the push', async () => {
    const cookie = await login(t.app, 'alice');
    const url = await listen(t.app);
    const socket = socketClient(url, cookie);
    await connected(socket);
    const pushed = collect(socket, 'orders') as { id: string; status: string }[];
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/orders',
        headers: { ...CSRF, cookie, 'idempotency-key': randomUUID() },
        payload: { accountId: 'a-alice-1', assetId: 'ACME', side: 'buy', type: 'market', quantity: '1' },
      });
      expect(res.statusCode).toBe(201);
      const orderId = (res.json() as { id: string }).id;
      await vi.waitFor(
        () => {
          if (!pushed.some((o) => o.id === orderId && o.status === 'completed'))
            throw new Error('the completed order was not pushed yet');
        },
        { timeout: 120_000, interval: 100 },
      );

      // The BFF's server span of the POST is the root of the trace.
      const spans = () => exporter.getFinishedSpans();
      const post = spans().find(
        (s) =>
          s.attributes['http.request.method'] === 'POST' &&
          s.attributes['http.route'] === '/api/orders' &&
          s.attributes[SERVICE_ATTRIBUTE] === 'bff',
      );
      expect(post, 'the server span of POST /api/orders').toBeDefined();
      const traceId = post!.spanContext().traceId;
      const inTrace = (): ReadableSpan[] => spans().filter((s) => s.spanContext().traceId === traceId);
      const has = (predicate: (s: ReadableSpan) => boolean) => inTrace().some(predicate);
      const from = (service: string) => (s: ReadableSpan) => s.attributes[SERVICE_ATTRIBUTE] === service;
      // The push span ends after the socket got the message: wait for it to be exported.
      await vi.waitFor(
        () => {
          if (!has((s) => from('bff')(s) && s.name === 'push evt.orders.OrderViewUpdated'))
            throw new Error('no push span yet');
        },
        { timeout: 30_000, interval: 50 },
      );

      // The BFF called orders over HTTP (undici client span), and orders served it in the same trace.
      expect(has((s) => s.attributes['http.request.method'] === 'POST' && s.kind === 2 /* CLIENT */)).toBe(
        true,
      );
      expect(has((s) => from('orders')(s) && s.attributes['http.route'] === '/orders')).toBe(true);
      // Accounts and the market handled the saga's commands in the same trace.
      expect(has((s) => from('accounts')(s) && s.name === 'process cmd.accounts.Reserve')).toBe(true);
      expect(has((s) => from('accounts')(s) && s.name === 'process cmd.accounts.SettleTrade')).toBe(true);
      expect(has((s) => from('market')(s) && s.name === 'process cmd.market.PlaceOrder')).toBe(true);
      // The saga's steps, including those the market's gateway answered later from its own loop.
      const steps = inTrace()
        .filter((s) => from('orders')(s) && s.attributes['orders.saga.step'])
        .map(
          (s) =>
            `${String(s.attributes['orders.saga.step'])}: ${String(s.attributes['orders.saga.outcome'])}`,
        );
      expect(steps).toEqual(
        expect.arrayContaining([
          'reserving: ReservationMade',
          'charging: FeeCharged',
          'placing: OrderPlaced',
          'placed: TradeExecuted',
          'settling: TradeSettled',
        ]),
      );
      // The projector applied the order's events in the trace, and the BFF pushed the views.
      expect(has((s) => from('orders')(s) && s.name === 'project evt.orders.OrderCompleted')).toBe(true);
      expect(has((s) => from('bff')(s) && s.name === 'push evt.orders.OrderViewUpdated')).toBe(true);
      // Every span of the trace hangs off the POST: one tree, no orphan roots.
      const roots = inTrace().filter((s) => !s.parentSpanContext);
      expect(roots.map((s) => s.spanContext().spanId)).toEqual([post!.spanContext().spanId]);
    } finally {
      socket.close();
    }
  });
});
