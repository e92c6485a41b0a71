import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { readAgainIfReading } from '../../../shared/api/read-again.ts';
import type { AdminFlagSet } from '../api/flags.ts';

/**
 * Another admin changed a flag: the list follows at once. The push is this user's evaluated view
 * (targeting applied), not the raw set the admin screen shows, so a newer version means refetch,
 * and a read in flight (perhaps taken before the change) is made again.
 */
export function useLiveFlags(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<{ version: number }>('flags', (push) => {
    if (readAgainIfReading(queryClient, queryKeys.flags())) return;
    const current = queryClient.getQueryData<AdminFlagSet>(queryKeys.flags());
    if (current && push.version > current.version)
      void queryClient.invalidateQueries({ queryKey: queryKeys.flags() });
  });
}
