import { useCallback, useMemo } from 'react';
import { useSearchParams } from '@simplebank/platform';
import type { OrderFilter, OrderStatus } from '../api/orders.ts';

/** The filters as the form and the URL hold them: days (YYYY-MM-DD) in the customer's time zone. */
export interface OrderFilterValues {
  status?: OrderStatus;
  accountId?: string;
  assetId?: string;
  fromDay?: string;
  untilDay?: string;
  page?: number;
}

const KEYS = ['status', 'accountId', 'assetId', 'fromDay', 'untilDay'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight at the start of `day`, as an instant. */
function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** Local midnight at the end of `day` (the next day's start): "until" includes the whole day. */
function endOfDay(day: string): string {
  const next = new Date(`${day}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

/** Why the range cannot be used, or undefined. */
export function dateRangeError(values: Pick<OrderFilterValues, 'fromDay' | 'untilDay'>): string | undefined {
  if (values.fromDay && values.untilDay && values.untilDay < values.fromDay)
    return 'The "until" day is before the "from" day. Pick an "until" day on or after it.';
  return undefined;
}

/** The API filter of these values (the date range left out while it is wrong). */
export function toOrderFilter(values: OrderFilterValues): OrderFilter {
  const rangeOk = !dateRangeError(values);
  return {
    page: values.page ?? 1,
    ...(values.status ? { status: values.status } : {}),
    ...(values.accountId ? { accountId: values.accountId } : {}),
    ...(values.assetId ? { assetId: values.assetId } : {}),
    ...(rangeOk && values.fromDay && DAY.test(values.fromDay) ? { from: startOfDay(values.fromDay) } : {}),
    ...(rangeOk && values.untilDay && DAY.test(values.untilDay) ? { to: endOfDay(values.untilDay) } : {}),
  };
}

export function hasFilters(values: OrderFilterValues): boolean {
  return KEYS.some((key) => Boolean(values[key]));
}

/**
 * /orders' filters live in the URL's query string, so they survive a reload and can be
 * bookmarked or shared; changing a filter goes back to page 1.
 */
export function useOrderFilters(): [OrderFilterValues, (next: OrderFilterValues) => void] {
  const [params, setParams] = useSearchParams();
  const serialized = params.toString();
  const values = useMemo(() => {
    const current = new URLSearchParams(serialized);
    const out: OrderFilterValues = {};
    for (const key of KEYS) {
      const value = current.get(key);
      if (value) (out as Record<string, string>)[key] = value;
    }
    const page = Number(current.get('page'));
    if (Number.isInteger(page) && page > 1) out.page = page;
    return out;
  }, [serialized]);
  const setValues = useCallback(
    (next: OrderFilterValues) => {
      const out = new URLSearchParams();
      for (const key of KEYS) {
        const value = next[key];
        if (value) out.set(key, value);
      }
      if (next.page && next.page > 1) out.set('page', String(next.page));
      setParams(out, { replace: true });
    },
    [setParams],
  );
  return [values, setValues];
}
