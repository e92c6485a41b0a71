import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { newer, type FlagSet } from '../api/flags.ts';

/** Another admin toggled a flag: the list shows it at once. */
export function useLiveFlags(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<FlagSet>('flags', (set) => {
    queryClient.setQueryData<FlagSet>(queryKeys.flags(), (current) => (current ? newer(current, set) : current));
  });
}
