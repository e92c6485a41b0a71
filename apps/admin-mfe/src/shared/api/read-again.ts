import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * A push arrived while queries under `queryKey` were being read: each such read may have been
 * taken before the change the push reports, and its answer would replace the pushed state (or, on
 * a first read, never show it). Those reads are dropped and made again. TanStack Query cancels an
 * in-flight read on invalidation only when the query has data; a first read is dropped by
 * resetting the query. Returns whether any read was in flight.
 */
export function readAgainIfReading(queryClient: QueryClient, queryKey: QueryKey): boolean {
  const reading = queryClient
    .getQueryCache()
    .findAll({ queryKey })
    .filter((query) => query.state.fetchStatus !== 'idle');
  for (const query of reading) {
    const filters = { queryKey: query.queryKey, exact: true };
    void (query.state.data === undefined
      ? queryClient.resetQueries(filters)
      : queryClient.invalidateQueries(filters));
  }
  return reading.length > 0;
}
