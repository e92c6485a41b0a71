import { useApi, usePlatformQueryClient, useSession } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import {
  applyOptimisticStrategy,
  applyServerStrategy,
  removeStrategy,
  snapshotStrategyLists,
} from '../../../shared/api/strategy-cache.ts';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { strategyCommands } from '../api/strategy-commands.ts';

// TanStack Query's optimistic pattern through the cache: cancel list fetches (an older answer
// must not overwrite the optimistic row), snapshot, write the expected row, roll back on error.
// Success is confirmed by the command's answer or the push, whichever comes first (versions).

function useListGuard() {
  const queryClient = usePlatformQueryClient();
  return async () => {
    await queryClient.cancelQueries({ queryKey: queryKeys.strategyLists() });
    return snapshotStrategyLists(queryClient);
  };
}

export function useCreateStrategy() {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const { user } = useSession();
  const guard = useListGuard();
  return useMutation({
    mutationFn: (input: Schema<'StrategyInput'>) => strategyCommands(api).create(input),
    onMutate: async (input) => {
      const rollback = await guard();
      const at = new Date().toISOString();
      const tempId = `new-${crypto.randomUUID()}`;
      applyOptimisticStrategy(queryClient, {
        ...input,
        id: tempId,
        status: 'draft',
        createdByUserId: user.id,
        createdAt: at,
        updatedAt: at,
        version: 0,
      });
      return { rollback, tempId };
    },
    onError: (_error, _input, context) => context?.rollback(),
    onSuccess: (created, _input, context) => {
      if (context) removeStrategy(queryClient, context.tempId);
      applyServerStrategy(queryClient, created);
    },
  });
}

export function useUpdateStrategy(strategy: Strategy | undefined) {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const guard = useListGuard();
  return useMutation({
    mutationFn: (input: Schema<'StrategyInput'>) => {
      if (!strategy) throw new Error('The strategy is not loaded yet.');
      return strategyCommands(api).update(strategy.id, input, strategy.version);
    },
    onMutate: async (input) => {
      const rollback = await guard();
      if (strategy) applyOptimisticStrategy(queryClient, { ...strategy, ...input });
      return { rollback };
    },
    onError: (_error, _input, context) => context?.rollback(),
    onSuccess: (updated) => applyServerStrategy(queryClient, updated),
  });
}

/** Publish or retire from the list: the row moves to its new status at once. */
export function useStrategyTransition(step: 'publish' | 'retire') {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const guard = useListGuard();
  return useMutation({
    mutationFn: (strategy: Strategy) => strategyCommands(api)[step](strategy.id, strategy.version),
    onMutate: async (strategy) => {
      const rollback = await guard();
      applyOptimisticStrategy(queryClient, {
        ...strategy,
        status: step === 'publish' ? 'published' : 'retired',
      });
      return { rollback };
    },
    onError: (_error, _strategy, context) => {
      context?.rollback();
      // The server knows better (someone else changed it, or it moved on): show its state.
      void queryClient.invalidateQueries({ queryKey: queryKeys.strategyLists() });
    },
    onSuccess: (strategy) => applyServerStrategy(queryClient, strategy),
  });
}
