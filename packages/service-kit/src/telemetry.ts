import {
  SpanKind,
  SpanStatusCode,
  INVALID_SPAN_CONTEXT,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { suppressTracing } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { createRequire } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The span attribute naming the part of SimpleBank (bff, orders, ...) a span comes from. */
export const SERVICE_ATTRIBUTE = 'simplebank.service';
const TRACER = 'simplebank';

export interface TracingOptions {
  /** `service.name` of the process (the embedded default runs BFF and services in one). */
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** Tests pass an in-memory exporter; otherwise OTLP over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes what is buffered and stops tracing (call before exit). */
  shutdown(): Promise<void>;
}

let active: NodeTracerProvider | null = null;

/**
 * Turns tracing on for this process: a tracer provider with the W3C trace-context propagator, the
 * undici instrumentation (the BFF's calls to the services carry `traceparent`), and an exporter.
 * Without OTEL_EXPORTER_OTLP_ENDPOINT (and no exporter given) nothing is registered: the
 * OpenTelemetry API stays a no-op, so spans cost a function call and no context is written into
 * messages. Standard OTEL_* variables (headers, protocol path, sampling) are read by the SDK.
 */
export function startTracing(options: TracingOptions): Tracing | null {
  const env = options.env ?? process.env;
  if (!options.exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  if (active) throw new Error('tracing is already started in this process');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? options.serviceName }),
    spanProcessors: [
      options.exporter
        ? new SimpleSpanProcessor(options.exporter)
        : new BatchSpanProcessor(new OTLPTraceExporter()),
    ],
  });
  provider.register();
  const pgInstrumentation = new PgInstrumentation({ requireParentSpan: true });
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    // pg: a span per statement, only inside a traced operation (no spans for idle pool chatter).
    instrumentations: [new UndiciInstrumentation(), pgInstrumentation],
  });
  const unpatchPg = patchLoadedModules(pgInstrumentation);
  active = provider;
  return {
    async shutdown() {
      unpatchPg();
      unregister();
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      active = null;
    },
  };
}

/**
 * Runs one SQL statement in a client span (`db.query.text` is the statement with its `$n`
 * placeholders, never the values), inside the active span only. For PGlite, which has no OpenTelemetry instrumentation;
 * database.ts calls it only when tracing was on as the database opened.
 */
export async function inSqlSpan<T>(system: string, sql: string, fn: () => Promise<T>): Promise<T> {
  // Like the pg instrumentation (requireParentSpan): the polling loops' statements outside any
  // traced operation would each be a trace of their own.
  if (!trace.getSpan(context.active())) return fn();
  const operation = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  return trace.getTracer(TRACER).startActiveSpan(
    operation,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': system, 'db.operation.name': operation, 'db.query.text': sql },
    },
    async (span) => {
      try {
        return await fn();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Applies an instrumentation's patches to modules already loaded. The instrumentations patch a
 * module as it is `require`d, but database.ts imports pg as an ES module before tracing starts,
 * which their hook never sees; the patches (pg's Client and pg-pool's Pool prototypes) are applied
 * here to the loaded modules instead. Returns the undo.
 */
function patchLoadedModules(instrumentation: PgInstrumentation): () => void {
  const requirePg = createRequire(createRequire(import.meta.url).resolve('pg'));
  const patched = instrumentation.getModuleDefinitions().map((definition) => {
    const exports: unknown = requirePg(definition.name);
    definition.patch?.(exports);
    return () => definition.unpatch?.(exports);
  });
  return () => patched.forEach((undo) => undo());
}

/** True while a tracer provider is registered (skip work that only feeds spans). */
export function tracingEnabled(): boolean {
  return active !== null;
}

/**
 * Adds `@fastify/otel` (the official Fastify instrumentation) to an app when tracing is on: a
 * server span per request, continuing the caller's `traceparent`, with the route, tagged with the
 * service. Call it before adding routes: it wraps route handlers as they are added. The plugin is
 * applied at once rather than through `register`, so the routes added right after are covered.
 */
export function traceFastify(app: FastifyInstance, service: string): void {
  if (!active) return;
  const instrumentation = new FastifyOtelInstrumentation({
    requestHook: (span: Span) => span.setAttribute(SERVICE_ATTRIBUTE, service),
  });
  const plugin = instrumentation.plugin() as unknown as (
    instance: FastifyInstance,
    opts: unknown,
    done: (error?: Error) => void,
  ) => void;
  plugin(app, {}, (error) => {
    if (error) throw error;
  });
}

/**
 * Adds attributes to the server span `@fastify/otel` opened for a request (not to the span of the
 * hook calling this). Nothing happens when tracing is off: the decorator is not there.
 */
export function annotateRequestSpan(request: FastifyRequest, attributes: Attributes): void {
  const otel = (request as FastifyRequest & { opentelemetry?: () => { span?: Span | null } }).opentelemetry;
  otel?.call(request).span?.setAttributes(attributes);
}

/** Runs fn with tracing suppressed: what it does (e.g. passing spans on to a collector) makes no spans. */
export function withoutTracing<T>(fn: () => T): T {
  if (!active) return fn();
  return context.with(suppressTracing(context.active()), fn);
}

/** W3C trace context (`traceparent`, `tracestate`) of the active span, for a message's envelope. */
export function currentTraceContext(): Record<string, string> | undefined {
  if (!active) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The context a message was written in (its envelope's `traceContext`), to continue its trace. */
export function messageContext(message: { traceContext?: Record<string, string> | null }): Context {
  return message.traceContext
    ? propagation.extract(context.active(), message.traceContext)
    : context.active();
}

/**
 * Runs fn in the context a message (or a row that kept a message's trace context) was written in,
 * so the messages fn creates join that trace. Costs nothing when tracing is off.
 */
export function withTraceContext<T>(traceContext: Record<string, string> | null | undefined, fn: () => T): T {
  if (!active || !traceContext) return fn();
  return context.with(messageContext({ traceContext }), fn);
}

/**
 * Runs fn in a span that continues the trace the message was written in: a consumer handling a
 * command or an event, the projector applying an order event, the BFF pushing to sockets.
 */
export async function inMessageSpan<T>(
  name: string,
  service: string,
  message: { id?: string; type: string; traceContext?: Record<string, string> | null },
  fn: (span: Span) => Promise<T>,
  attributes: Attributes = {},
): Promise<T> {
  if (!active) return fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [SERVICE_ATTRIBUTE]: service,
        'messaging.operation.type': 'process',
        'messaging.destination.name': message.type,
        ...(message.id ? { 'messaging.message.id': message.id } : {}),
        ...attributes,
      },
    },
    messageContext(message),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
