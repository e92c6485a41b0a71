import type { ApiClient } from '@simplebank/platform';
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import {
  applyRegistryChange,
  type RegistryChange,
  type RegistryState,
} from '../../../shared/api/registry.ts';

/** What the admin asked for; `expectedRevision` is the revision on screen when they confirmed. */
export type RegistryCommand =
  | { kind: 'activate'; name: string; version: string; expectedRevision: number }
  | { kind: 'rollback'; name: string; expectedRevision: number }
  | { kind: 'canary'; name: string; version: string; percent: number; expectedRevision: number }
  | { kind: 'end-canary'; name: string };

/** The same registry API the `sb-fragment` command uses, with the admin's session instead of the token. */
async function send(api: ApiClient, command: RegistryCommand): Promise<RegistryChange> {
  const path = { params: { path: { name: command.name } } };
  switch (command.kind) {
    case 'activate':
      return unwrap(
        await api.POST('/api/admin/fragments/{name}/activate', {
          ...path,
          body: { version: command.version, expectedRevision: command.expectedRevision },
        }),
      );
    case 'rollback':
      return unwrap(
        await api.POST('/api/admin/fragments/{name}/rollback', {
          ...path,
          body: { expectedRevision: command.expectedRevision },
        }),
      );
    case 'canary':
      return unwrap(
        await api.PUT('/api/admin/fragments/{name}/canary', {
          ...path,
          body: {
            version: command.version,
            percent: command.percent,
            expectedRevision: command.expectedRevision,
          },
        }),
      );
    case 'end-canary':
      return unwrap(await api.DELETE('/api/admin/fragments/{name}/canary', path));
  }
}

/**
 * A registry change from the UI. A stale revision (someone deployed meanwhile) fails with 409 and
 * the registry is refetched, so the admin confirms again against what is really deployed.
 */
export function registryCommandMutation(api: ApiClient, queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: (command: RegistryCommand) => send(api, command),
    onSuccess: (change) =>
      queryClient.setQueryData<RegistryState>(queryKeys.registry(), (state) =>
        state ? applyRegistryChange(state, change) : state,
      ),
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.registry() }),
  });
}
