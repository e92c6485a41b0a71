import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { feeFor, round } from '@simplebank/money';
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
  return round(value, 2);
}

/** What the accounts service will charge: the one fee rule (packages/money), on the schedule the BFF gives. */
export function estimateFee(
  orderValue: string,
  schedule: Pick<FeeSchedule, 'ratePercent' | 'minimum'>,
): string {
  return feeFor(orderValue, schedule);
}
