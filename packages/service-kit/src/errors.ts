/** A client error with a stable code the caller can act on. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: { field: string; reason: string }[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new ApiError(404, 'NOT_FOUND', `${what} ${id} does not exist`);
/** A business rule refused the request (not enough cash, percentages not summing to 100...). */
export const unprocessable = (code: string, message: string, extra?: Record<string, unknown>) =>
  new ApiError(422, code, message, undefined, extra);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const badRequest = (field: string, reason: string) =>
  new ApiError(400, 'VALIDATION_FAILED', `${field} ${reason}`, [{ field, reason }]);
