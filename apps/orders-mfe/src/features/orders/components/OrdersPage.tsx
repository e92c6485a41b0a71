import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { Button, ErrorNotice, Loading, PageHeading, statusLabel } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { portfolioQuery } from '../../../shared/api/portfolio.ts';
import { ConnectionBadge } from '../../../shared/components/ConnectionBadge.tsx';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { ordersQuery, PAGE_SIZE } from '../api/orders.ts';
import { useConfirmedCancel } from '../hooks/useConfirmedCancel.ts';
import {
  hasFilters,
  toOrderFilter,
  useOrderFilters,
  type OrderFilterValues,
} from '../hooks/useOrderFilters.ts';
import { CancelNotice, CancelOrderDialog } from './CancelNotice.tsx';
import { OrderFilters } from './OrderFilters.tsx';
import { OrdersTable } from './OrdersTable.tsx';

/** Why the list is empty: no orders at all is not the same as none matching the filters. */
function emptyMessage(values: OrderFilterValues): string {
  if (!hasFilters(values)) return 'You have not placed any orders yet.';
  const { status, ...others } = values;
  if (status && !hasFilters(others)) return `No ${statusLabel(status).toLowerCase()} orders.`;
  return 'No orders match these filters.';
}

/** /orders: the customer's orders with their status, newest first, live; filters kept in the URL. */
export function OrdersPage() {
  const api = useApi();
  const [values, setValues] = useOrderFilters();
  const filter = toOrderFilter(values);
  const page = filter.page;
  const live = useLiveQueryOptions();
  const orders = useQuery({ ...ordersQuery(api, filter), ...live });
  const assets = useAssets();
  // Accounts name the account filter and column; the list works without them.
  const accounts = useQuery(portfolioQuery(api)).data?.accounts;
  const accountNames = useMemo(
    () => new Map((accounts ?? []).map((account) => [account.id, account.name])),
    [accounts],
  );
  const cancel = useConfirmedCancel();
  const pages = orders.data ? Math.max(1, Math.ceil(orders.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeading
        title="Orders"
        description="Your orders and where each one is."
        actions={<ConnectionBadge />}
      />
      <OrderFilters
        value={values}
        onChange={setValues}
        accounts={accounts ?? []}
        assets={[...assets.catalog.values()]}
      />
      <CancelNotice flow={cancel} />
      <CancelOrderDialog flow={cancel} />
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
            // Which account an order is on matters once there is more than one.
            accountNames={accountNames.size > 1 ? accountNames : undefined}
            onCancel={cancel.ask}
            empty={emptyMessage(values)}
          />
          {pages > 1 && (
            <nav aria-label="Order pages" className="sb-toolbar">
              <Button
                variant="secondary"
                disabled={page <= 1}
                onClick={() => setValues({ ...values, page: page - 1 })}
              >
                Previous page
              </Button>
              <span>
                Page {page} of {pages}
              </span>
              <Button
                variant="secondary"
                disabled={page >= pages}
                onClick={() => setValues({ ...values, page: page + 1 })}
              >
                Next page
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
