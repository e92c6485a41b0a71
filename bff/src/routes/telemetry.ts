import type { FastifyInstance } from 'fastify';
import { tracingEnabled, withoutTracing } from '@simplebank/service-kit';
import { contractRoute } from '../http/contract-route.ts';
import { ApiError } from '../http/errors.ts';
import { requireUser } from '../auth/auth-plugin.ts';
import type { BffContext } from '../context.ts';

export const BROWSER_TRACES_PATH = '/api/telemetry/traces';

/** Where the shell sends its spans, or null while tracing is off (it then loads no tracing code). */
export function browserTelemetry(ctx: BffContext): { tracesUrl: string } | null {
  return tracingEnabled() && ctx.config.otlpTraces ? { tracesUrl: BROWSER_TRACES_PATH } : null;
}

/**
 * `POST /api/telemetry/traces`: the browser's OTLP JSON passed on to the collector as it came, for
 * logged-in users only (the collector is not open to the internet through the BFF).
 */
export function telemetryRoutes(app: FastifyInstance, ctx: BffContext): void {
  contractRoute<{ Body: { resourceSpans: unknown[] } }>(
    app,
    ctx.contract,
    'POST',
    BROWSER_TRACES_PATH,
    async (request, reply) => {
      requireUser(request);
      const target = ctx.config.otlpTraces;
      if (!browserTelemetry(ctx) || !target) {
        throw new ApiError(404, 'not_found', 'Tracing is off: the BFF has no OTLP endpoint');
      }
      // Passing spans on must not make spans of its own (one more trace per browser batch).
      const res = await withoutTracing(() =>
        fetch(target.url, {
          method: 'POST',
          headers: { ...target.headers, 'content-type': 'application/json' },
          body: JSON.stringify(request.body),
          signal: AbortSignal.timeout(5000),
        }),
      ).catch((err: Error) => {
        request.log.warn({ err: err.message }, 'the OTLP collector did not answer');
        return null;
      });
      if (!res?.ok) {
        throw new ApiError(503, 'unavailable', `The trace collector answered ${res?.status ?? 'nothing'}`);
      }
      return reply.code(202).send();
    },
    // The shell's batches stay within the usual body limit (apps/shell/src/telemetry/browser-tracing.ts).
    { config: { otel: false } },
  );
}
