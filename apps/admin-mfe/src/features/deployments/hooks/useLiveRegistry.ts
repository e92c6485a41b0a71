import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { readAgainIfReading } from '../../../shared/api/read-again.ts';
import type { FragmentAdminRecord, RegistryState } from '../../../shared/api/registry.ts';

/** The `deployments` topic's message (docs/CONTRACTS.md): the registry revision and the record's new state. */
export interface DeploymentPush {
  version: number;
  name: string;
  active: FragmentAdminRecord['active'];
  canary: FragmentAdminRecord['canary'];
}

/**
 * Someone deployed, rolled back or set a canary: the page shows it without a reload. The push
 * carries the active version and canary (shown at once); history and versions come with a refetch.
 * A push at or below the known revision is old news. A push during the first read makes that read
 * again: it may have been taken before the change.
 */
export function useLiveRegistry(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<DeploymentPush>('deployments', (push) => {
    const state = queryClient.getQueryData<RegistryState>(queryKeys.registry());
    if (!state) {
      readAgainIfReading(queryClient, queryKeys.registry());
      return;
    }
    if (push.version <= state.revision) return;
    queryClient.setQueryData<RegistryState>(queryKeys.registry(), {
      ...state,
      revision: push.version,
      fragments: state.fragments.map((record) =>
        record.name === push.name ? { ...record, active: push.active, canary: push.canary } : record,
      ),
    });
    // A new fragment, a new version or the history line are not in the push.
    void queryClient.invalidateQueries({ queryKey: queryKeys.registry() });
  });
}
