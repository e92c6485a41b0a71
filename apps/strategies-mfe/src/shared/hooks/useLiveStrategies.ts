import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { queryKeys } from '../api/query-keys.ts';
import { applyStrategyUpdate, type Strategy } from '../api/strategies.ts';

interface ListKey {
  status?: string;
  admin?: boolean;
}

/**
 * Applies pushed strategies (`strategies` topic) to every cached list: a strategy another admin
 * publishes appears for customers, a retired one disappears, without a reload.
 */
export function useLiveStrategies(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<Strategy>('strategies', (strategy) => {
    for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.strategyLists() })) {
      const key = query.queryKey[2] as ListKey | undefined;
      const status = key?.status && key.status !== 'all' ? key.status : undefined;
      const belongs = (s: Strategy) => !status || s.status === status;
      queryClient.setQueryData<Strategy[]>(query.queryKey, (list) =>
        list ? applyStrategyUpdate(list, strategy, belongs) : list,
      );
    }
  });
}
