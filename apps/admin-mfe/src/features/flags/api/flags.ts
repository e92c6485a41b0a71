import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../shared/api/api-error.ts';
import { queryKeys } from '../../../shared/api/query-keys.ts';

export type FlagSet = Schema<'FlagSet'>;

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
export function newer(current: FlagSet | undefined, next: FlagSet): FlagSet {
  return current && current.version >= next.version ? current : next;
}

/** PUT /api/admin/flags with one change; the BFF pushes the new set on the `flags` topic. */
export function setFlagMutation(api: ApiClient, queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: async (change: Record<string, boolean>) =>
      unwrap(await api.PUT('/api/admin/flags', { body: { flags: change } })),
    onSuccess: (set) => queryClient.setQueryData<FlagSet>(queryKeys.flags(), (current) => newer(current, set)),
  });
}
