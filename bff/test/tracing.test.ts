import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  // A stand-in OTLP collector: what the BFF passes on from browsers arrives here.
  const collected: { path: string; body: unknown }[] = [];
  let collector: Server;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        collected.push({ path: req.url ?? '', body: JSON.parse(body) as unknown });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
    // Before the apps are built: the Fastify instrumentation is added as each app is created.
    tracing = startTracing({ serviceName: 'simplebank-test', exporter });
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 20,
      market: { tickMs: 0 },
      logger: createLogger('tracing-test', 'silent'),
    });
    t = await makeApp(
      {
        services: services.urls,
        serviceTokenPrivateKey: services.keys.bff.privateKey,
        otlpTraces: { url: collectorUrl, headers: { 'x-collector-key': 'k' } },
      },
      { eventSource: services.bus },
    );
  }, 400_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
    await tracing?.shutdown();
    collector?.close();
  });

  it('joins the BFF, orders, accounts and market spans, the saga steps, the projector and the push', async () => {
    const cookie = await login(t.app, 'alice');
    const url = await listen(t.app);
    const socket = socketClient(url, cookie);
    await connected(socket);
    const pushed = collect(socket, 'orders') as { id: string; status: string }[];
    const canary = { name: 'orders', version: '1.1.0-abcdef0123', canary: true };
    const reported = await t.app.inject({
      method: 'PUT',
      url: '/api/session/builds',
      headers: { ...CSRF, cookie },
      payload: { fragments: [canary] },
    });
    expect(reported.statusCode).toBe(204);
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
      // The builds the customer's browser loaded ride on the trace.
      expect(post!.attributes).toMatchObject({
        'simplebank.fragment.orders.version': canary.version,
        'simplebank.fragment.orders.canary': true,
      });
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
      // SQL statements of every service are spans of the operation that ran them (PGlite here; the
      // pg instrumentation on PostgreSQL: packages/service-kit/src/sql-spans.test.ts).
      const byId = new Map(inTrace().map((s) => [s.spanContext().spanId, s]));
      const serviceOf = (span: ReadableSpan): unknown => {
        for (let s: ReadableSpan | undefined = span; s; s = byId.get(s.parentSpanContext?.spanId ?? ''))
          if (s.attributes[SERVICE_ATTRIBUTE]) return s.attributes[SERVICE_ATTRIBUTE];
        return undefined;
      };
      const sql = inTrace().filter((s) => s.attributes['db.system.name'] === 'postgresql');
      // The BFF's own too: it reads the session's user and revocation from its database (ADR 0006).
      expect(new Set(sql.map(serviceOf))).toEqual(new Set(['bff', 'orders', 'accounts', 'market']));
      expect(
        sql.some(
          (s) => serviceOf(s) === 'orders' && /\bINSERT INTO/i.test(String(s.attributes['db.query.text'])),
        ),
      ).toBe(true);
      // Every span of the trace hangs off the POST: one tree, no orphan roots.
      const roots = inTrace().filter((s) => !s.parentSpanContext);
      expect(roots.map((s) => s.spanContext().spanId)).toEqual([post!.spanContext().spanId]);
    } finally {
      socket.close();
    }
  });

  it("continues the browser's trace, and passes the browser's spans on to the collector", async () => {
    const cookie = await login(t.app, 'bob');
    // The shell learns from the session check that tracing is on, and where its spans go.
    const current = await t.app.inject({ method: 'GET', url: '/api/session/current', headers: { cookie } });
    expect(current.json()).toMatchObject({ telemetry: { tracesUrl: '/api/telemetry/traces' } });

    // A fetch the browser traced carries `traceparent`: the BFF's span is its child.
    const browserTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const browserSpan = '00f067aa0ba902b7';
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/orders',
      headers: { cookie, traceparent: `00-${browserTrace}-${browserSpan}-01` },
    });
    expect(res.statusCode).toBe(200);
    await vi.waitFor(() => {
      const server = exporter
        .getFinishedSpans()
        .find(
          (s) =>
            s.spanContext().traceId === browserTrace &&
            s.attributes['http.route'] === '/api/orders' &&
            s.attributes[SERVICE_ATTRIBUTE] === 'bff',
        );
      expect(server?.parentSpanContext?.spanId).toBe(browserSpan);
    });

    // The browser's batch (OTLP JSON) reaches the collector as sent, with the collector's headers.
    const batch = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [] }] };
    const exported = await t.app.inject({
      method: 'POST',
      url: '/api/telemetry/traces',
      headers: { ...CSRF, cookie },
      payload: batch,
    });
    expect(exported.statusCode, exported.body).toBe(202);
    expect(collected).toEqual([{ path: '/v1/traces', body: batch }]);
    // Passing them on made no spans of its own: neither the BFF's request nor its call to the collector.
    const aboutExport = (span: ReadableSpan) =>
      Object.values(span.attributes).some((v) => /\/telemetry\/traces|\/v1\/traces/.test(String(v)));
    expect(exporter.getFinishedSpans().filter(aboutExport)).toEqual([]);

    // Anonymous visitors cannot use the BFF as a way into the collector.
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/telemetry/traces',
      headers: CSRF,
      payload: batch,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(collected).toHaveLength(1);
  });
});
