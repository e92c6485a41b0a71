// Loaded only when the BFF says tracing is on (main.tsx imports it lazily): with tracing off the
// shell's bundle and first render carry none of this.
import type { Context } from '@opentelemetry/api';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@simplebank/platform';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import type { FragmentBuild, LoadedBuilds } from '../fragments/loaded-builds.ts';

/** The same attribute names the BFF puts on its request spans (bff/src/builds/session-builds.ts). */
export function buildAttributes(builds: readonly FragmentBuild[]): Record<string, string | boolean> {
  const attributes: Record<string, string | boolean> = {};
  for (const build of builds) {
    attributes[`simplebank.fragment.${build.name}.version`] = build.version;
    attributes[`simplebank.fragment.${build.name}.canary`] = build.canary;
  }
  return attributes;
}

/** Every span started in this page says which fragment builds were loaded at that moment. */
class BuildsSpanProcessor implements SpanProcessor {
  constructor(private readonly builds: LoadedBuilds) {}
  onStart(span: Span, _parent: Context): void {
    span.setAttributes(buildAttributes(this.builds.list()));
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let started = false;

/**
 * Starts the browser's tracing once: the page load (document load spans) and every fetch to the
 * BFF (a span, and `traceparent` on the request so the BFF's spans join it). Spans go to the BFF
 * (`tracesUrl`, same origin: the content security policy allows nothing else), which passes them
 * on to the collector.
 */
export function startBrowserTracing(
  tracesUrl: string,
  builds: LoadedBuilds,
  /** Tests read the spans here instead of sending them. */
  testExporter?: SpanExporter,
): void {
  if (started) return;
  started = true;
  const url = new URL(tracesUrl, window.location.origin).href;
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'simplebank-shell' }),
    spanProcessors: [
      new BuildsSpanProcessor(builds),
      testExporter
        ? new SimpleSpanProcessor(testExporter)
        : new BatchSpanProcessor(
            // The BFF refuses state-changing requests without the CSRF header (bff/src/http/csrf.ts).
            new OTLPTraceExporter({ url, headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE } }),
            // A span is 1–2 KiB of OTLP JSON: 25 keep a batch under the BFF's 64 KiB body limit.
            { maxExportBatchSize: 25 },
          ),
    ],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new DocumentLoadInstrumentation(),
      // Same-origin requests get `traceparent` by default; the exporter's own requests are not traced.
      new FetchInstrumentation({ ignoreUrls: [url] }),
    ],
  });
}
