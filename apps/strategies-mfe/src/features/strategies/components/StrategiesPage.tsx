import { useApi, useHasRole, useLiveQueryOptions } from '@simplebank/platform';
import { ErrorNotice, Loading, Notice, PageHeading } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { useAssetsById } from '../../../shared/hooks/useAssets.ts';
import { publishedStrategiesQuery } from '../api/published.ts';
import { StrategyCard } from './StrategyCard.tsx';

/**
 * /strategies: the published strategies a customer can invest in, with their allocations. Below
 * them, for a customer, what `investments` renders (the investing feature's list, composed by the
 * fragment's routes so that neither feature imports the other).
 */
export function StrategiesPage({ investments }: { investments?: (strategies: Strategy[]) => ReactNode }) {
  const api = useApi();
  const live = useLiveQueryOptions();
  const strategies = useQuery({ ...publishedStrategiesQuery(api), ...live });
  const assetsById = useAssetsById();
  const isCustomer = useHasRole('customer');

  return (
    <>
      <PageHeading
        title="Investment strategies"
        description="Ready-made mixes of assets, designed by SimpleBank's investment team."
      />
      {strategies.isPending ? (
        <Loading label="Loading strategies…" />
      ) : strategies.isError ? (
        <ErrorNotice
          title="We could not load the strategies."
          error={strategies.error}
          onRetry={() => void strategies.refetch()}
        />
      ) : strategies.data.length === 0 ? (
        <Notice title="No strategies are available yet">
          When SimpleBank publishes a strategy, it appears here.
        </Notice>
      ) : (
        strategies.data.map((strategy) => (
          <StrategyCard key={strategy.id} strategy={strategy} assetsById={assetsById} />
        ))
      )}
      {isCustomer && investments?.(strategies.data ?? [])}
    </>
  );
}
