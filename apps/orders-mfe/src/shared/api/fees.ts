import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { compareDecimals, multiplyDecimals, parseDecimal, roundDecimal } from '@simplebank/ui';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from './query-keys.ts';

export type FeeSchedule = Schema<'FeeSchedule'>;

/** GET /api/fees: the schedule changes rarely, so it is kept for the whole session. */
export function feeScheduleQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.fees(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/fees', { signal })),
    staleTime: Infinity,
  });
}

/** A decimal string rounded half up to cents ("1.005" → "1.01"), as the accounts service rounds fees. */
export function toCents(value: string): string {
  const parts = roundDecimal(parseDecimal(value), 2);
  return `${parts.negative ? '-' : ''}${parts.integer}.${parts.fraction}`;
}

/** max(minimum, ratePercent % of the order value), in cents: what the accounts service will charge. */
export function estimateFee(
  orderValue: string,
  schedule: Pick<FeeSchedule, 'ratePercent' | 'minimum'>,
): string {
  // ratePercent / 100 without division: "0.1" % is a factor of "0.001".
  const proportional = toCents(multiplyDecimals(multiplyDecimals(orderValue, schedule.ratePercent), '0.01'));
  return compareDecimals(proportional, schedule.minimum) < 0 ? toCents(schedule.minimum) : proportional;
}
