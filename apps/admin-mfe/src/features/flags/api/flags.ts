import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type AdminFlagSet = Schema<'AdminFlagSet'>;
export type Role = Schema<'Role'>;
/** One change: a flag switched, or its audience (null: everyone). */
export type FlagChange = { flags: Record<string, boolean> } | { targeting: Record<string, Role[] | null> };

/** Flags every fragment reads, listed even before anyone has set them (off until then). */
export const KNOWN_FLAGS: Record<string, string> = {
  'orders.limitOrders': 'Customers can place limit orders.',
  'strategies.invest': 'Customers can invest in strategies.',
};

export function flagsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.flags(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/admin/flags', { signal })),
  });
}

/** A newer set replaces an older one, never the reverse (a push and an answer can cross). */
export function newer(current: AdminFlagSet | undefined, next: AdminFlagSet): AdminFlagSet {
  return current && current.version >= next.version ? current : next;
}

/** PUT /api/admin/flags; the BFF pushes each user's view of the new set on the `flags` topic. */
export function setFlagMutation(api: ApiClient, queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: async (change: FlagChange) => unwrap(await api.PUT('/api/admin/flags', { body: change })),
    onSuccess: (set) =>
      queryClient.setQueryData<AdminFlagSet>(queryKeys.flags(), (current) => newer(current, set)),
  });
}

/** DELETE /api/admin/flags/{name} (audited); a flag no longer set reads as off everywhere. */
export function deleteFlagMutation(api: ApiClient, queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: async (name: string) =>
      unwrap(await api.DELETE('/api/admin/flags/{name}', { params: { path: { name } } })),
    onSuccess: (set) =>
      queryClient.setQueryData<AdminFlagSet>(queryKeys.flags(), (current) => newer(current, set)),
  });
}
