import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import {
  applyRegistryChange,
  type RegistryChange,
  type RegistryState,
} from '../../../shared/api/registry.ts';

/** Someone deployed, rolled back or set a canary: the page shows it without a reload. */
export function useLiveRegistry(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<RegistryChange>('deployments', (change) => {
    queryClient.setQueryData<RegistryState>(queryKeys.registry(), (state) =>
      state ? applyRegistryChange(state, change) : state,
    );
  });
}
