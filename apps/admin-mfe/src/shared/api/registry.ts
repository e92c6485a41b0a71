// Shared by the overview and the deployments screens (features never import each other).
import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from './query-keys.ts';

export type RegistryState = Schema<'RegistryState'>;
export type FragmentAdminRecord = Schema<'FragmentAdminRecord'>;
export type RegistryChange = Schema<'RegistryChange'>;

/** GET /api/admin/fragments: every fragment's versions, active version, canary and history. */
export function registryQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.registry(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/admin/fragments', { signal })),
  });
}

/** The state with one pushed change applied; changes at or below the known revision are old news. */
export function applyRegistryChange(state: RegistryState, change: RegistryChange): RegistryState {
  if (change.revision <= state.revision) return state;
  const known = state.fragments.some((record) => record.name === change.fragment.name);
  return {
    ...state,
    revision: change.revision,
    fragments: known
      ? state.fragments.map((record) => (record.name === change.fragment.name ? change.fragment : record))
      : [...state.fragments, change.fragment],
  };
}
