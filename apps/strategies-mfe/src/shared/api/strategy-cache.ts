import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from './query-keys.ts';
import { applyStrategyUpdate, type Strategy } from './strategies.ts';

interface ListKey {
  status?: string;
  admin?: boolean;
}

function belongsTo(queryKey: QueryKey): (s: Strategy) => boolean {
  const key = queryKey[2] as ListKey | undefined;
  const status = key?.status && key.status !== 'all' ? key.status : undefined;
  return (s) => !status || s.status === status;
}

/**
 * Applies a strategy known from the server (a push or a command's answer) to every cached list and
 * to its detail, only when it is newer than what is cached: the screens never go back in time.
 */
export function applyServerStrategy(queryClient: QueryClient, strategy: Strategy): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.strategyLists() })) {
    queryClient.setQueryData<Strategy[]>(query.queryKey, (list) =>
      list ? applyStrategyUpdate(list, strategy, belongsTo(query.queryKey)) : list,
    );
    if (query.state.fetchStatus !== 'idle') readAgain(queryClient, query.queryKey, query.state.data);
  }
  queryClient.setQueryData<Strategy>(queryKeys.strategy(strategy.id), (current) =>
    current && current.version >= strategy.version ? current : strategy,
  );
}

/**
 * A list read that was in flight when the server said it changed may have been taken before the
 * change, and its answer would replace it (or, on a first read, never show it): a list has no
 * version to tell. It is dropped and the list read again. TanStack Query cancels an in-flight read
 * on invalidation only when the list has data; a first read is dropped by resetting the query.
 */
function readAgain(queryClient: QueryClient, queryKey: QueryKey, data: unknown): void {
  const filters = { queryKey, exact: true };
  void (data === undefined ? queryClient.resetQueries(filters) : queryClient.invalidateQueries(filters));
}

/**
 * Shows the expected result of an admin command at once. The optimistic strategy keeps the
 * version it had, so the server's answer or push (one version higher) replaces it.
 */
export function applyOptimisticStrategy(queryClient: QueryClient, strategy: Strategy): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.strategyLists() })) {
    const belongs = belongsTo(query.queryKey);
    queryClient.setQueryData<Strategy[]>(query.queryKey, (list) => {
      if (!list) return list;
      const without = list.filter((item) => item.id !== strategy.id);
      if (!belongs(strategy)) return without;
      return list.some((item) => item.id === strategy.id)
        ? list.map((item) => (item.id === strategy.id ? strategy : item))
        : [...list, strategy];
    });
  }
}

/** Removes a strategy from every list (an optimistic draft whose creation failed or was answered). */
export function removeStrategy(queryClient: QueryClient, id: string): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.strategyLists() })) {
    queryClient.setQueryData<Strategy[]>(query.queryKey, (list) => list?.filter((item) => item.id !== id));
  }
}

/** The lists as they are now, and a function that puts them back (rollback of a failed command). */
export function snapshotStrategyLists(queryClient: QueryClient): () => void {
  const saved = queryClient.getQueriesData<Strategy[]>({ queryKey: queryKeys.strategyLists() });
  return () => {
    for (const [key, data] of saved) queryClient.setQueryData(key, data);
  };
}
