import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { AdminFlagSet } from '../api/flags.ts';

/**
 * Another admin changed a flag: the list follows at once. The push is this user's evaluated view
 * (targeting applied), not the raw set the admin screen shows, so a newer version means refetch.
 */
export function useLiveFlags(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<{ version: number }>('flags', (push) => {
    const current = queryClient.getQueryData<AdminFlagSet>(queryKeys.flags());
    if (current && push.version > current.version)
      void queryClient.invalidateQueries({ queryKey: queryKeys.flags() });
  });
}
