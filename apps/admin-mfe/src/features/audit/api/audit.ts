import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type AuditEntry = Schema<'AuditEntry'>;
export const AUDIT_FILTER_KEYS = ['userId', 'action', 'requestId', 'from', 'to', 'page'] as const;
/** `from` and `to` are calendar days (YYYY-MM-DD) as the date fields give them. */
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;
export const AUDIT_PAGE_SIZE = 25;

/** A day's start in UTC; `to` is inclusive on screen, so the query ends at the next day's start. */
function dayStart(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}

export function auditQuery(api: ApiClient, filters: AuditFilters) {
  return queryOptions({
    queryKey: queryKeys.audit(filters),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/admin/audit', {
          params: {
            query: {
              page: filters.page ? Number(filters.page) : 1,
              size: AUDIT_PAGE_SIZE,
              userId: filters.userId,
              action: filters.action,
              requestId: filters.requestId,
              from: filters.from ? dayStart(filters.from) : undefined,
              to: filters.to ? dayStart(filters.to, 1) : undefined,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
