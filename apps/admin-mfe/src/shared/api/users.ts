// Shared by the users screen and the audit log's user filter (features never import each other).
import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from './query-keys.ts';

export type User = Schema<'SessionUser'>;

/** GET /api/admin/users: every user with their roles. */
export function usersQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.users(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/admin/users', { signal })).items,
  });
}
