import type { ApiClient } from '@simplebank/platform';
import { queryOptions } from '@tanstack/react-query';
import type { FragmentRecord } from './types.ts';

/**
 * The registry's records for this user (keyed by user: the canary bucket is per user). Only JSON
 * from the BFF: no fragment manifest is fetched until a route needs that fragment.
 */
export function fragmentsQuery(api: ApiClient, userId: string) {
  return queryOptions({
    queryKey: ['fragments', userId],
    queryFn: async (): Promise<FragmentRecord[]> => {
      const { data, response } = await api.GET('/api/fragments');
      if (!data) throw new Error(`The fragment registry answered ${response.status}`);
      return data.fragments;
    },
    // A new deployment shows after a reload, never in the middle of the user's work.
    staleTime: Infinity,
  });
}
