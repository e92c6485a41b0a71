import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ApiError } from './errors.ts';
import { isDataException, refuseControlCharacters } from './input-guard.ts';
import type { Logger } from './logger.ts';
import { loadOperations } from './openapi.ts';
import { traceFastify } from './telemetry.ts';
import { ServiceTokenRejected, type ServiceCaller, type ServiceTokenVerifier } from './service-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the verified service token says the request is made for (null on health routes). */
    caller: ServiceCaller | null;
  }
  interface FastifyInstance {
    /** The service's name, the audience its tokens must carry. */
    serviceName: string;
  }
  interface FastifyContextConfig {
    operationId?: string;
  }
}

/**
 * Health and metrics stay open: orchestrators, the BFF's readiness probe and Prometheus call them
 * without a token. Services listen on the loopback address unless configured (docs/SECURITY.md).
 */
const PUBLIC_OPERATIONS = new Set(['getLiveness', 'getReadiness', 'getMetrics']);

/** Refuses a request whose verified caller is not an admin (403). */
export function requireAdmin(request: FastifyRequest): void {
  if (!request.caller?.roles.includes('admin')) throw new ApiError(403, 'FORBIDDEN', 'admins only');
}

export type OperationHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface ServiceAppOptions {
  name: string;
  /** The service's OpenAPI 3.1 contract: every operation in it must have a handler, and no more. */
  specPath: string;
  handlers: Record<string, OperationHandler>;
  logger: Logger;
  /** Named dependency checks for /health/ready. */
  readiness: Record<string, () => Promise<boolean>>;
  /** Verifies the service token every operation but health needs (docs/SECURITY.md). */
  auth: ServiceTokenVerifier;
}

export interface ErrorBody {
  error: string;
  message: string;
  details?: { field: string; reason: string }[];
  requestId: string;
  [key: string]: unknown;
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns ajv issues into `{ field, reason }`, naming the field the way the client wrote it. */
function describeIssues(context: string, issues: ValidationIssue[]): { field: string; reason: string }[] {
  return issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let field = path;
    if (issue.keyword === 'required')
      field = [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
    if (issue.keyword === 'additionalProperties')
      field = [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
    const where = context === 'body' ? '' : `${context === 'querystring' ? 'query' : context}:`;
    return { field: `${where}${field || context}`, reason: issue.message ?? issue.keyword };
  });
}

/** Builds the service's Fastify app: routes from the contract, health, request ids, error shape. */
export function createServiceApp(options: ServiceAppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // One line per request is written in onResponse below, with the fields operators need.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, strict: false } },
    forceCloseConnections: true,
  });
  traceFastify(app, options.name);

  if (options.auth.audience !== options.name)
    throw new Error(`${options.name}: the token verifier is for ${options.auth.audience}`);
  app.decorate('serviceName', options.name);
  app.decorateRequest('caller', null);
  // onRequest runs before the body is read: an unauthenticated caller costs no parsing.
  app.addHook('onRequest', async (request, reply) => {
    if (PUBLIC_OPERATIONS.has(String(request.routeOptions.config?.operationId))) return;
    try {
      request.caller = await options.auth.verify(request.headers.authorization);
    } catch (error) {
      if (!(error instanceof ServiceTokenRejected)) throw error;
      reply.code(401).header('www-authenticate', 'Bearer');
      return reply.send({
        error: 'UNAUTHENTICATED',
        message: `service token refused: ${error.reason}`,
        requestId: request.id,
      } satisfies ErrorBody);
    }
  });

  // Before the schema: a NUL in any text field is a 400 naming it, whatever the schema allows.
  app.addHook('preValidation', async (request) => {
    refuseControlCharacters({ body: request.body, query: request.query, params: request.params });
  });

  const responseAjv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(responseAjv);

  const handlers: Record<string, OperationHandler> = {
    ...options.handlers,
    getLiveness: async () => ({ status: 'live', service: options.name }),
    getReadiness: async (_request, reply) => {
      const checks: Record<string, 'up' | 'down'> = {};
      for (const [name, check] of Object.entries(options.readiness)) {
        checks[name] = await check().then(
          (ok) => (ok ? 'up' : 'down'),
          () => 'down',
        );
      }
      const ready = Object.values(checks).every((c) => c === 'up');
      reply.code(ready ? 200 : 503);
      return { status: ready ? 'ready' : 'not ready', service: options.name, checks };
    },
  };

  const { operations } = loadOperations(options.specPath);
  const unused = new Set(Object.keys(options.handlers));
  for (const op of operations) {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`${options.name}: no handler for operation ${op.operationId}`);
    unused.delete(op.operationId);
    const validators = new Map<string, ValidateFunction>();
    for (const [status, schema] of Object.entries(op.responses))
      if (schema) validators.set(status, responseAjv.compile(schema));
    app.route({
      method: op.method as 'GET',
      url: op.url,
      schema: op.schema,
      config: { operationId: op.operationId },
      handler,
      // Responses are checked against the contract too: a mismatch is our bug, answered as a 500.
      preSerialization: async (request, reply, payload: unknown) => {
        const status = String(reply.statusCode);
        if (reply.statusCode >= 400) return payload;
        const validate =
          validators.get(status) ?? validators.get(`${status[0]}XX`) ?? validators.get('default');
        if (validate && !validate(payload)) {
          request.log.error(
            { operationId: op.operationId, issues: validate.errors },
            'response does not match the contract',
          );
          throw new Error(`response of ${op.operationId} does not match the contract`);
        }
        return payload;
      },
    });
  }
  if (unused.size > 0)
    throw new Error(
      `${options.name}: handlers without an operation in the contract: ${[...unused].join(', ')}`,
    );

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.routeOptions.url ?? request.url,
        url: request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.caller?.userId ?? null,
      },
      'request completed',
    );
  });

  app.setNotFoundHandler(async (request, reply) => {
    reply.code(404);
    return {
      error: 'NOT_FOUND',
      message: `no route ${request.method} ${request.url}`,
      requestId: request.id,
    } satisfies ErrorBody;
  });

  app.setErrorHandler(async (error: FastifyError | ApiError | Error, request, reply) => {
    if (error instanceof ApiError) {
      reply.code(error.statusCode);
      return {
        error: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        ...(error.extra ?? {}),
        requestId: request.id,
      } satisfies ErrorBody;
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const details = describeIssues(
        fastifyError.validationContext ?? 'body',
        fastifyError.validation as ValidationIssue[],
      );
      reply.code(400);
      return {
        error: 'VALIDATION_FAILED',
        message: 'the request does not match the contract',
        details,
        requestId: request.id,
      } satisfies ErrorBody;
    }
    if (isDataException(error)) {
      request.log.warn({ err: error }, 'input the database cannot hold');
      reply.code(400);
      return {
        error: 'INVALID_INPUT',
        message: 'a value in the request is out of range or not valid text',
        requestId: request.id,
      } satisfies ErrorBody;
    }
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      reply.code(status);
      return {
        error: fastifyError.code ?? 'BAD_REQUEST',
        message: fastifyError.message,
        requestId: request.id,
      } satisfies ErrorBody;
    }
    request.log.error({ err: error }, 'request failed');
    reply.code(status && status >= 500 ? status : 500);
    return { error: 'INTERNAL', message: 'internal error', requestId: request.id } satisfies ErrorBody;
  });

  return app;
}
