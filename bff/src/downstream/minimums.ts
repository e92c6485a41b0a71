import { DownstreamRejected } from './service-client.ts';
import { ApiError } from '../http/errors.ts';

/**
 * A service's 422 for an amount under a minimum, as the contract's 422 naming the BFF's field (the
 * service names its own, e.g. `amountMinor`), with the service's reason in words.
 */
export function belowMinimumAsField(err: unknown, code: string, field: string): unknown {
  if (!(err instanceof DownstreamRejected) || err.status !== 422 || err.body?.error !== code) return err;
  const reason = err.body.message ?? 'below the minimum';
  const message = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
  return new ApiError(422, code.toLowerCase(), message, [{ field, reason }]);
}
