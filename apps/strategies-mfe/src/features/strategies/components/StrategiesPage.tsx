import { useApi, useHasRole, useLiveQueryOptions } from '@simplebank/platform';
import { ErrorNotice, Loading, Notice, PageHeading } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useAssetsById } from '../../../shared/hooks/useAssets.ts';
import { MyInvestments } from '../../investing/components/MyInvestments.tsx';
import { publishedStrategiesQuery } from '../api/published.ts';
import { StrategyCard } from './StrategyCard.tsx';

/** /strategies: the published strategies a customer can invest in, with their allocations. */
export function StrategiesPage() {
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
      {isCustomer && <MyInvestments strategies={strategies.data ?? []} />}
    </>
  );
}
