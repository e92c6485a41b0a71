import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { components } from '@simplebank/openapi';
import { DownstreamRejected, DownstreamUnavailable } from '../downstream/service-client.ts';

type ErrorBody = components['schemas']['ErrorResponse'];
export interface FieldError {
  field: string;
  reason: string;
}

/** An error meant for the client: status, machine-readable code, human message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** Extra top-level properties of the body (e.g. `currentRevision` on a 409). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const unauthorized = () => new ApiError(401, 'unauthenticated', 'Log in first');
export const forbidden = (message = 'Not allowed') => new ApiError(403, 'forbidden', message);

/** A `from`–`to` filter whose end comes before its start can only be a mistake: say so (400). */
export function assertRangeInOrder(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined) return;
  if (Date.parse(to) < Date.parse(from)) {
    throw new ApiError(400, 'validation_failed', 'The end of the date range is before its start', [
      { field: 'query.to', reason: 'must not be before query.from' },
    ]);
  }
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

interface AjvLikeError {
  instancePath?: string;
  /** Set when a key of an object broke `propertyNames` (e.g. a flag named `toString`). */
  propertyName?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv errors into `{ field, reason }`, with the field as `body.a.b` / `query.page`. */
export function fieldsFromValidation(context: string, errors: AjvLikeError[]): FieldError[] {
  return errors.map((e) => {
    const parts = (e.instancePath ?? '')
      .split('/')
      .filter(Boolean)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const missing = e.params?.missingProperty;
    if (e.keyword === 'required' && typeof missing === 'string') parts.push(missing);
    const extra = e.params?.additionalProperty;
    if (e.keyword === 'additionalProperties' && typeof extra === 'string') parts.push(extra);
    const key = e.propertyName ?? e.params?.propertyName;
    if (typeof key === 'string') parts.push(key);
    const field = [context, ...parts].join('.');
    return { field, reason: e.message ?? e.keyword ?? 'invalid' };
  });
}

/**
 * The fields a service named in its refusal, as the BFF's client knows them: a service's body
 * field `quantity` is the request's `body.quantity` (the BFF passes those fields on by name).
 */
function downstreamFields(details: unknown): FieldError[] | undefined {
  if (!Array.isArray(details)) return undefined;
  return details
    .filter(
      (d): d is FieldError =>
        typeof (d as FieldError)?.field === 'string' && typeof (d as FieldError)?.reason === 'string',
    )
    .filter((d) => !d.field.includes(':'))
    .map((d) => ({ field: `body.${d.field}`, reason: d.reason }));
}

export function errorBody(
  request: FastifyRequest,
  code: string,
  message: string,
  fields?: FieldError[],
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(fields && fields.length > 0 ? { fields } : {}),
      requestId: String(request.id),
    },
  };
}

function send(reply: FastifyReply, status: number, body: ErrorBody & Record<string, unknown>) {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * One error shape for every failure. Client errors keep their status and never show internals;
 * anything else is logged and answered as a bare 500 without a stack trace.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      if (err.statusCode >= 500) request.log.error({ err }, err.message);
      return send(reply, err.statusCode, {
        ...errorBody(request, err.code, err.message, err.fields),
        ...(err.extra ?? {}),
      });
    }
    if (err instanceof DownstreamUnavailable) {
      request.log.warn({ service: err.service, reason: err.message }, 'downstream unavailable');
      reply.header('retry-after', String(err.retryAfterSeconds));
      return send(
        reply,
        503,
        errorBody(request, 'unavailable', `The ${err.service} service is unavailable; try again shortly`),
      );
    }
    if (err instanceof DownstreamRejected) {
      // A service's answer to a valid BFF request: unknown ids stay 404, conflicts 409, input the
      // service cannot take (a field it names) 400, any other refusal is a business rule (422)
      // carrying the service's reason code.
      const passed = [400, 403, 404, 409];
      const status = passed.includes(err.status) ? err.status : 422;
      const code =
        typeof err.body?.error === 'string'
          ? err.body.error.toLowerCase()
          : (codeByStatus[status] ?? 'unprocessable');
      return send(
        reply,
        status,
        errorBody(
          request,
          code,
          err.body?.message ?? `Refused by the ${err.service} service`,
          downstreamFields(err.body?.details),
        ),
      );
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      // Fastify says `querystring`; the contract (docs/CONTRACTS.md) names query fields `query.<name>`.
      const context = fe.validationContext === 'querystring' ? 'query' : (fe.validationContext ?? 'body');
      const fields = fieldsFromValidation(context, fe.validation as AjvLikeError[]);
      return send(
        reply,
        400,
        errorBody(request, 'validation_failed', 'The request does not match the contract', fields),
      );
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = codeByStatus[status] ?? 'bad_request';
      // Fastify's own client errors (bad JSON, body too large) have safe messages.
      const message =
        status === 400 && fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'Body is not valid JSON' : fe.message;
      // The body parser refused the body as a whole (bad JSON, a `__proto__` key): the field is the body.
      const bodyRefused = status === 400 && (fe.code?.startsWith('FST_ERR_CTP') || fe.name === 'SyntaxError');
      const fields = bodyRefused ? [{ field: 'body', reason: message }] : undefined;
      return send(reply, status, errorBody(request, code, message, fields));
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, errorBody(request, 'internal', 'Internal error'));
  });
}
