import { useApi, useLiveQueryOptions, usePlatformQueryClient, useRealtime, Link } from '@simplebank/platform';
import { formatDate, formatMoney, StatusBadge, Table } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { myInvestmentsQuery, type Investment } from '../api/investing.ts';

/**
 * The customer's latest investments with their live status, so an investment can be followed
 * again after leaving its page. Hidden until there is one.
 */
export function MyInvestments({ strategies }: { strategies: Strategy[] }) {
  const api = useApi();
  const live = useLiveQueryOptions();
  const queryClient = usePlatformQueryClient();
  const investments = useQuery({ ...myInvestmentsQuery(api), ...live });
  useRealtime<Investment>('investments', (pushed) =>
    queryClient.setQueryData<Investment[]>(queryKeys.myInvestments(), (list) => {
      if (!list) return list;
      const known = list.find((item) => item.id === pushed.id);
      if (!known) return [pushed, ...list];
      // Pushes may leave the strategy's name out (openapi/bff.yaml, Investment): keep the known one.
      const next = { ...pushed, strategyName: pushed.strategyName ?? known.strategyName };
      return known.version >= pushed.version
        ? list
        : list.map((item) => (item.id === pushed.id ? next : item));
    }),
  );
  if (!investments.data || investments.data.length === 0) return null;
  const names = new Map(strategies.map((strategy) => [strategy.id, strategy.name]));
  // The BFF names every investment's strategy, retired ones included; the published list is a
  // fallback for an investment pushed before the list was refetched.
  const nameOf = (i: Investment) => i.strategyName ?? names.get(i.strategyId) ?? 'A strategy';
  return (
    <Table
      caption="Your investments"
      columns={[
        {
          key: 'strategy',
          header: 'Strategy',
          cell: nameOf,
          rowHeader: true,
        },
        {
          key: 'date',
          header: 'Date',
          cell: (i) => <time dateTime={i.createdAt}>{formatDate(i.createdAt)}</time>,
        },
        { key: 'amount', header: 'Amount', cell: (i) => formatMoney(i.amount, 'USD'), align: 'end' },
        { key: 'status', header: 'Status', cell: (i) => <StatusBadge status={i.status} /> },
        {
          key: 'open',
          header: 'Details',
          cell: (i) => (
            <Link
              to={`/strategies/investments/${encodeURIComponent(i.id)}`}
              aria-label={`Follow the investment of ${formatMoney(i.amount, 'USD')} in ${nameOf(i)}`}
            >
              Follow
            </Link>
          ),
        },
      ]}
      rows={investments.data}
      rowKey={(i) => i.id}
    />
  );
}
