import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it, vi } from 'vitest';
import { LoadedBuilds } from '../fragments/loaded-builds.ts';

/**
 * The fetch instrumentation patches nothing when it finds itself in Node (it reads
 * `process.release` as it loads); jsdom runs in Node, so the module is loaded as a browser would.
 */
async function importAsInBrowser() {
  const release = process.release;
  Object.defineProperty(process, 'release', { value: { name: 'browser' }, configurable: true });
  try {
    return await import('./browser-tracing.ts');
  } finally {
    Object.defineProperty(process, 'release', { value: release, configurable: true });
  }
}

describe('browser tracing', () => {
  it("puts traceparent on the page's own fetches, and the loaded builds on its spans", async () => {
    const sent: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push(new Request(input, init));
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const builds = new LoadedBuilds();
    builds.add({ name: 'orders', version: '1.1.0-bbbbbbbbbb', canary: true });
    const exporter = new InMemorySpanExporter();
    const { startBrowserTracing } = await importAsInBrowser();
    startBrowserTracing('/api/telemetry/traces', builds, exporter);

    await fetch(new URL('/api/orders', window.location.origin));
    await fetch('https://elsewhere.example/x');

    const own = sent.find((r) => r.url.endsWith('/api/orders'))!;
    expect(own.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    // Another origin never learns the page's trace.
    expect(sent.find((r) => r.url.startsWith('https://elsewhere'))!.headers.get('traceparent')).toBeNull();
    await vi.waitFor(() => {
      const span = exporter
        .getFinishedSpans()
        .find((s) => String(s.attributes['url.full'] ?? s.attributes['http.url']).endsWith('/api/orders'));
      expect(span?.attributes).toMatchObject({
        'simplebank.fragment.orders.version': '1.1.0-bbbbbbbbbb',
        'simplebank.fragment.orders.canary': true,
      });
      expect(own.headers.get('traceparent')).toContain(span!.spanContext().traceId);
    });
    vi.unstubAllGlobals();
  });
});
