import { useApi, useLiveQueryOptions, useRealtime, Link } from '@simplebank/platform';
import { formatDate, formatMoney, StatusBadge, Table } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { myInvestmentsQuery, type Investment } from '../api/investing.ts';

/** The read list with each pushed version newer than its row in place, and new ones first. */
function withPushed(list: Investment[], pushed: Map<string, Investment>): Investment[] {
  const listed = new Set(list.map((item) => item.id));
  const added = [...pushed.values()].filter((item) => !listed.has(item.id)).reverse();
  const updated = list.map((item) => {
    const newer = pushed.get(item.id);
    // Pushes may leave the strategy's name out (openapi/bff.yaml, Investment): keep the known one.
    return newer && newer.version > item.version
      ? { ...newer, strategyName: newer.strategyName ?? item.strategyName }
      : item;
  });
  return [...added, ...updated];
}

/**
 * The customer's latest investments with their live status, so an investment can be followed
 * again after leaving its page. Hidden until there is one.
 */
export function MyInvestments({ strategies }: { strategies: Strategy[] }) {
  const api = useApi();
  const live = useLiveQueryOptions();
  const investments = useQuery({ ...myInvestmentsQuery(api), ...live });
  // Pushed versions are kept beside the list, newest per investment, from the first render: one
  // pushed while the list is being read is not lost, and the read's older answer does not hide it.
  const [pushed, setPushed] = useState<Map<string, Investment>>(() => new Map());
  useRealtime<Investment>('investments', (investment) =>
    setPushed((current) => {
      const known = current.get(investment.id);
      return known && known.version >= investment.version
        ? current
        : new Map(current).set(investment.id, investment);
    }),
  );
  const rows = useMemo(() => withPushed(investments.data ?? [], pushed), [investments.data, pushed]);
  if (!investments.data || rows.length === 0) return null;
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
      rows={rows}
      rowKey={(i) => i.id}
    />
  );
}
