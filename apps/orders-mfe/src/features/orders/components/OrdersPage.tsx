import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { Button, ErrorNotice, Loading, PageHeading, Select, statusLabel } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { portfolioQuery } from '../../../shared/api/portfolio.ts';
import { ConnectionBadge } from '../../../shared/components/ConnectionBadge.tsx';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { ordersQuery, PAGE_SIZE, type OrderStatus } from '../api/orders.ts';
import { useCancelOrder } from '../hooks/useCancelOrder.ts';
import { CancelNotice } from './CancelNotice.tsx';
import { OrdersTable } from './OrdersTable.tsx';

const STATUSES: OrderStatus[] = [
  'pending',
  'reserved',
  'placed',
  'cancelling',
  'completed',
  'rejected',
  'failed',
  'cancelled',
  'expired',
];

/** /orders: the customer's orders with their status, newest first, live. */
export function OrdersPage() {
  const api = useApi();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [accountId, setAccountId] = useState('');
  const [page, setPage] = useState(1);
  const live = useLiveQueryOptions();
  const orders = useQuery({
    ...ordersQuery(api, { page, ...(status ? { status } : {}), ...(accountId ? { accountId } : {}) }),
    ...live,
  });
  const assets = useAssets();
  // Accounts name the account filter; the list works without them.
  const accounts = useQuery(portfolioQuery(api)).data?.accounts ?? [];
  const cancel = useCancelOrder();
  const pages = orders.data ? Math.max(1, Math.ceil(orders.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeading
        title="Orders"
        description="Your orders and where each one is."
        actions={<ConnectionBadge />}
      />
      <div className="sb-toolbar">
        <Select
          label="Status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as OrderStatus | '');
            setPage(1);
          }}
          options={[
            { value: '', label: 'All statuses' },
            ...STATUSES.map((value) => ({ value, label: statusLabel(value) })),
          ]}
        />
        {accounts.length > 1 && (
          <Select
            label="Account"
            value={accountId}
            onChange={(event) => {
              setAccountId(event.target.value);
              setPage(1);
            }}
            options={[
              { value: '', label: 'All accounts' },
              ...accounts.map((account) => ({ value: account.id, label: account.name })),
            ]}
          />
        )}
      </div>
      <CancelNotice cancel={cancel} />
      {orders.isPending ? (
        <Loading label="Loading your orders…" />
      ) : orders.isError ? (
        <ErrorNotice
          title="We could not load your orders."
          error={orders.error}
          onRetry={() => void orders.refetch()}
        />
      ) : (
        <>
          <OrdersTable
            orders={orders.data.items}
            assetsById={assets.catalog}
            onCancel={cancel.mutate}
            empty={
              status
                ? `No ${statusLabel(status).toLowerCase()} orders.`
                : 'You have not placed any orders yet.'
            }
          />
          {pages > 1 && (
            <nav aria-label="Order pages" className="sb-toolbar">
              <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Previous page
              </Button>
              <span>
                Page {page} of {pages}
              </span>
              <Button variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Next page
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
