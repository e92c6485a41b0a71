import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { User } from '../../../shared/api/users.ts';

export { usersQuery, type User } from '../../../shared/api/users.ts';
export type Role = Schema<'Role'>;
export const ROLES: Role[] = ['customer', 'admin'];

/** PUT /api/admin/users/{id}/roles; the BFF audits it, so the audit pages are refetched too. */
export function setRolesMutation(api: ApiClient, queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: async ({ id, roles }: { id: string; roles: Role[] }) =>
      unwrap(await api.PUT('/api/admin/users/{id}/roles', { params: { path: { id } }, body: { roles } })),
    onSuccess: (user) => {
      queryClient.setQueryData<User[]>(queryKeys.users(), (users) =>
        users?.map((u) => (u.id === user.id ? user : u)),
      );
      void queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] });
    },
  });
}

export type NewUser = Schema<'CreateUserRequest'>;

/** POST /api/admin/users; audited by the BFF (without the password). */
export function createUserMutation(api: ApiClient, queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: async (input: NewUser) => unwrap(await api.POST('/api/admin/users', { body: input })),
    onSuccess: (user) => {
      queryClient.setQueryData<User[]>(queryKeys.users(), (users) => (users ? [...users, user] : users));
      void queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] });
    },
  });
}

/** GET /api/admin/users/{id}/builds: the fragment builds the user's sessions reported, newest first. */
export function userBuildsQuery(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: queryKeys.userBuilds(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/admin/users/{id}/builds', { params: { path: { id } }, signal })).items,
  });
}
