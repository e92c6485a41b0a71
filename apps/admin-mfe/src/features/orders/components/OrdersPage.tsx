import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import {
  Button,
  ErrorNotice,
  formatDateTime,
  formatMoney,
  formatQuantity,
  Loading,
  PageHeading,
  StatusBadge,
  Table,
  type Column,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { Pager } from '../../../shared/components/Pager.tsx';
import { useSearchFilters } from '../../../shared/hooks/useSearchFilters.ts';
import {
  adminOrdersQuery,
  assetsQuery,
  customerOptionsQuery,
  ORDER_FILTER_KEYS,
  type Order,
} from '../api/orders.ts';
import { useLiveOrders } from '../hooks/useLiveOrders.ts';
import { OrderFilters } from './OrderFilters.tsx';
import { OrderTimeline } from './OrderTimeline.tsx';

const TITLE = 'Orders';

function Orders() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const [filters, setFilters] = useSearchFilters(ORDER_FILTER_KEYS);
  const orders = useQuery({ ...adminOrdersQuery(api, filters), ...live });
  const assets = useQuery(assetsQuery(api));
  // The same list the Customer filter uses: names instead of ids ("Alice Smith", not "c-alice").
  const customers = useQuery(customerOptionsQuery(api));
  const customerName = (id: string | undefined) =>
    id ? (customers.data?.find((c) => c.id === id)?.displayName ?? id) : '—';
  const [open, setOpen] = useState<string | null>(null);
  useLiveOrders();

  const symbol = (assetId: string) => assets.data?.find((a) => a.id === assetId)?.symbol ?? assetId;
  const currency = (assetId: string) => assets.data?.find((a) => a.id === assetId)?.currency ?? 'USD';

  const columns: Column<Order>[] = [
    {
      key: 'id',
      header: 'Reference',
      // Shows the first 8 characters (what the customer quotes from /orders) on one line; the
      // full id stays the text, for screen readers, copying and search.
      cell: (o) => (
        <code className="sb-id" title={o.id}>
          {o.id}
        </code>
      ),
      rowHeader: true,
    },
    {
      key: 'when',
      header: 'Created',
      cell: (o) => <time dateTime={o.createdAt}>{formatDateTime(o.createdAt)}</time>,
    },
    { key: 'customer', header: 'Customer', cell: (o) => customerName(o.customerId) },
    {
      key: 'what',
      header: 'Order',
      cell: (o) =>
        `${o.side === 'buy' ? 'Buy' : 'Sell'} ${formatQuantity(o.quantity)} ${symbol(o.assetId)} ${
          o.type === 'limit' && o.limitPrice
            ? `at ${formatMoney(o.limitPrice, currency(o.assetId))}`
            : 'at market'
        }`,
    },
    { key: 'status', header: 'Status', cell: (o) => <StatusBadge status={o.status} /> },
    {
      key: 'detail',
      header: 'Timeline',
      cell: (o) => (
        <Button
          variant="secondary"
          aria-expanded={open === o.id}
          aria-label={`${open === o.id ? 'Hide' : 'Show'} timeline of order ${o.id}`}
          onClick={() => setOpen(open === o.id ? null : o.id)}
        >
          {open === o.id ? 'Hide timeline' : 'Timeline'}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading title={TITLE} description="Every order of every customer, newest first, updated live." />
      {/* Keyed by the URL's filters so the form shows them when they change from elsewhere. */}
      <OrderFilters key={JSON.stringify(filters)} value={filters} onApply={setFilters} />
      {orders.isPending ? (
        <Loading label="Loading orders…" />
      ) : orders.isError ? (
        <ErrorNotice
          title="We could not load the orders."
          error={orders.error}
          onRetry={() => void orders.refetch()}
        />
      ) : (
        <>
          <Table
            caption="All orders"
            hideCaption
            columns={columns}
            rows={orders.data.items}
            rowKey={(o) => o.id}
            empty="No order matches these filters."
            details={(o) => (open === o.id ? <OrderTimeline order={o} /> : null)}
          />
          <Pager
            label="orders"
            page={orders.data.page}
            size={orders.data.size}
            total={orders.data.total}
            onPage={(page) => setFilters({ ...filters, page: String(page) })}
          />
        </>
      )}
    </>
  );
}

/** /admin/orders: all orders with filters, each with its saga timeline; live. */
export function OrdersPage() {
  return (
    <AdminOnly title={TITLE}>
      <Orders />
    </AdminOnly>
  );
}
