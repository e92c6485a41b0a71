import { usePlatformQueryClient, useRealtime } from '@simplebank/platform';
import { applyServerStrategy } from '../api/strategy-cache.ts';
import type { Strategy } from '../api/strategies.ts';

/**
 * Applies pushed strategies (`strategies` topic) to every cached list and detail: a strategy
 * another admin publishes appears for customers, a retired one disappears, without a reload.
 */
export function useLiveStrategies(): void {
  const queryClient = usePlatformQueryClient();
  useRealtime<Strategy>('strategies', (strategy) => applyServerStrategy(queryClient, strategy));
}
