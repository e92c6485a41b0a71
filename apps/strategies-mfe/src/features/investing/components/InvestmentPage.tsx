import { useApi, useLiveQueryOptions, usePlatformQueryClient, Link, useParams } from '@simplebank/platform';
import { isFinalInvestmentStatus, type Schema } from '@simplebank/openapi';
import {
  ErrorNotice,
  formatMoney,
  formatQuantity,
  Loading,
  Notice,
  PageHeading,
  StatusBadge,
  Table,
  type Column,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../../../shared/api/query-keys.ts';
import { strategyQuery } from '../../../shared/api/strategy.ts';
import { useAssetsById } from '../../../shared/hooks/useAssets.ts';
import { investmentQuery, portfolioQuery, type Investment } from '../api/investing.ts';
import { useLiveInvestment } from '../hooks/useLiveInvestment.ts';
import { furtherStatus, reasonText } from '../lib/order-progress.ts';

type InvestmentOrder = Schema<'InvestmentOrder'>;
type Order = Schema<'Order'>;

function Outcome({ investment }: { investment: Investment }) {
  const reason = investment.statusReason ? reasonText(investment.statusReason) : undefined;
  if (investment.status === 'completed')
    return (
      <Notice tone="success" title="Your investment is complete">
        Every order was filled.
      </Notice>
    );
  if (investment.status === 'partially_completed')
    return (
      <Notice tone="warning" title="Your investment is partially complete">
        {reason ??
          'Some orders did not complete; their reasons are below. The money they did not use stays in your account.'}
      </Notice>
    );
  if (investment.status === 'failed')
    return (
      <Notice tone="danger" title="Your investment failed">
        {reason ?? 'No order completed; the reasons are below. The money stays in your account.'}
      </Notice>
    );
  return null;
}

function Holdings({ investment }: { investment: Investment }) {
  const api = useApi();
  const assetsById = useAssetsById();
  const portfolio = useQuery(portfolioQuery(api));
  if (!portfolio.data) return null;
  const account = portfolio.data.accounts.find((candidate) => candidate.id === investment.accountId);
  const assetIds = new Set(investment.orders.map((order) => order.assetId));
  const rows = portfolio.data.holdings.filter(
    (holding) => holding.accountId === investment.accountId && assetIds.has(holding.assetId),
  );
  return (
    <Table
      caption={`Your holdings in ${account?.name ?? 'this account'}`}
      columns={[
        {
          key: 'asset',
          header: 'Asset',
          cell: (h) => assetsById.get(h.assetId)?.symbol ?? h.assetId,
          rowHeader: true,
        },
        { key: 'quantity', header: 'Quantity', cell: (h) => formatQuantity(h.quantity), align: 'end' },
      ]}
      rows={rows}
      rowKey={(h) => h.assetId}
      empty="None of these assets yet."
    />
  );
}

function Following({ investment, pushed }: { investment: Investment; pushed: Map<string, Order> }) {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const assetsById = useAssetsById();
  const strategy = useQuery({ ...strategyQuery(api, investment.strategyId), retry: false });
  const portfolio = useQuery(portfolioQuery(api));
  // The investment is in its account's currency.
  const currency = portfolio.data?.accounts.find((a) => a.id === investment.accountId)?.currency ?? 'USD';
  const final = isFinalInvestmentStatus(investment.status);

  // Holdings change when orders settle: read them again once the investment has its outcome.
  useEffect(() => {
    if (final) void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
  }, [final, queryClient]);

  const orders = investment.orders.map((order) => {
    const view = pushed.get(order.orderId);
    return {
      ...order,
      status: furtherStatus(order.status, view?.status),
      reason: order.reason ?? view?.statusReason ?? null,
    };
  });
  const columns: Column<InvestmentOrder>[] = [
    {
      key: 'asset',
      header: 'Asset',
      cell: (o) => assetsById.get(o.assetId)?.symbol ?? o.assetId,
      rowHeader: true,
    },
    { key: 'amount', header: 'Amount', cell: (o) => formatMoney(o.amount, currency), align: 'end' },
    { key: 'status', header: 'Status', cell: (o) => <StatusBadge status={o.status} /> },
    { key: 'reason', header: 'Reason', cell: (o) => (o.reason ? reasonText(o.reason) : '—') },
  ];

  return (
    <>
      <PageHeading
        title={strategy.data ? `Investment in ${strategy.data.name}` : 'Investment in a strategy'}
        description={`${formatMoney(investment.amount, currency)}, one buy order per asset of the strategy.`}
        actions={<Link to="/strategies">Back to strategies</Link>}
      />
      <p>
        Status:{' '}
        <span role="status" aria-label="Investment status">
          <StatusBadge status={investment.status} />
        </span>
      </p>
      <Outcome investment={investment} />
      {orders.length === 0 && !final ? (
        <Loading label="Taking the payment, then placing the orders…" />
      ) : (
        <Table
          caption="Orders"
          columns={columns}
          rows={orders}
          rowKey={(o) => o.orderId}
          empty="No order was placed."
        />
      )}
      <Holdings investment={investment} />
    </>
  );
}

/** /strategies/investments/:id: follows each generated order live to the investment's outcome. */
export function InvestmentPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const live = useLiveQueryOptions();
  // Listening from the first render, before the investment is read: a change pushed while the read
  // is in flight is kept (the read's older answer does not replace it, see investmentQuery).
  const pushed = useLiveInvestment(id);
  const investment = useQuery({ ...investmentQuery(api, id), ...live });
  if (investment.isPending) return <Loading label="Loading the investment…" />;
  if (investment.isError)
    return (
      <>
        <PageHeading title="Investment" />
        <ErrorNotice
          title="We could not load the investment."
          error={investment.error}
          onRetry={() => void investment.refetch()}
        />
      </>
    );
  return <Following investment={investment.data} pushed={pushed} />;
}
