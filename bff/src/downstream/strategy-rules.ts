import type { components } from '@simplebank/openapi';
import { DownstreamRejected } from './service-client.ts';
import { ApiError, type FieldError } from '../http/errors.ts';

type StrategyInput = components['schemas']['StrategyInput'];

// The strategies service refuses a strategy with one reason code and, for a line, the asset it
// concerns. The contract's 422 names fields (`body.allocations.1.assetId`), so a form can put the
// message next to the field that breaks the rule.
const MESSAGES: Record<string, string> = {
  NAME_REQUIRED: 'A strategy needs a name.',
  NO_ALLOCATIONS: 'Add at least one asset.',
  DUPLICATE_ASSET: 'Each asset can appear only once.',
  PERCENTAGE_NOT_POSITIVE: 'Must be greater than 0.',
  PERCENTAGE_TOO_PRECISE: 'Use at most 2 decimals.',
};

function fieldFor(code: string, input: StrategyInput, assetId: unknown): string {
  if (code === 'NAME_REQUIRED') return 'body.name';
  const lines = input.allocations.map((a) => a.assetId);
  // A duplicate is the second line with the asset; other line rules concern its first line.
  const index =
    code === 'DUPLICATE_ASSET' ? lines.lastIndexOf(String(assetId)) : lines.indexOf(String(assetId));
  if (index === -1) return 'body.allocations';
  return `body.allocations.${index}.${code === 'DUPLICATE_ASSET' ? 'assetId' : 'percentage'}`;
}

/** A service 422 on a strategy as the BFF's 422 with fields; anything else unchanged. */
export function withRuleFields(err: unknown, input: StrategyInput): unknown {
  if (!(err instanceof DownstreamRejected) || err.status !== 422 || typeof err.body?.error !== 'string')
    return err;
  const code = err.body.error;
  const message = err.body.message ?? 'The strategy breaks a rule';
  let field: FieldError;
  if (code === 'PERCENTAGES_NOT_100') field = { field: 'body.allocations', reason: message };
  else if (MESSAGES[code])
    field = {
      field: fieldFor(code, input, (err.body as Record<string, unknown>).assetId),
      reason: MESSAGES[code],
    };
  else return err;
  return new ApiError(422, code.toLowerCase(), message, [field]);
}
