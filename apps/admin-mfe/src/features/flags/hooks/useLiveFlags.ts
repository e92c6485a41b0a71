import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { AdminFlagSet } from '../api/flags.ts';

/**
 * Another admin changed a flag: the list follows at once. The push is this user's evaluated view
 * (targeting applied), not the raw set the admin screen shows, so a newer version means refetch.
 * A push during the page's first read means that read may have been taken before the change: it
 * is dropped and the set read again (TanStack Query cancels an in-flight read on invalidation only
 * once the query has data; a newer push while a later read is in flight cancels it that way).
 */
export function useLiveFlags(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<{ version: number }>('flags', (push) => {
    const filters = { queryKey: queryKeys.flags(), exact: true };
    const current = queryClient.getQueryData<AdminFlagSet>(queryKeys.flags());
    if (!current) {
      if (queryClient.getQueryState(queryKeys.flags())?.fetchStatus !== 'idle')
        void queryClient.resetQueries(filters);
    } else if (push.version > current.version) void queryClient.invalidateQueries(filters);
  });
}
