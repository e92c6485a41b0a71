// openapi-fetch returns `{ data, error, response }` instead of throwing; TanStack Query needs a
// thrown error to enter its error state (and the platform's retry policy reads `status`).

export interface FieldProblem {
  /** `body.<path>`, `query.<name>`, ... as in the contract's ErrorResponse. */
  field: string;
  reason: string;
}

/** A failed BFF call: the HTTP status plus the contract's ErrorResponse fields when present. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly fields: FieldProblem[];

  constructor(
    status: number,
    code: string,
    message: string,
    requestId?: string,
    fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.fields = fields;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

interface ErrorFields {
  code?: string;
  message?: string;
  requestId?: string;
  fields?: FieldProblem[];
}

function readErrorBody(error: unknown): ErrorFields {
  if (typeof error !== 'object' || error === null || !('error' in error)) return {};
  const inner = (error as { error: unknown }).error;
  return typeof inner === 'object' && inner !== null ? (inner as ErrorFields) : {};
}

/** The data of a successful call, or an ApiError with the BFF's message. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const body = readErrorBody(result.error);
  throw new ApiError(
    result.response.status,
    body.code ?? 'http_error',
    body.message ?? `The server answered ${result.response.status} ${result.response.statusText}`.trim(),
    body.requestId,
    Array.isArray(body.fields) ? body.fields : [],
  );
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
