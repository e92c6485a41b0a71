import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { Card, ErrorNotice, Loading } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { ConnectionBadge } from '../../../shared/components/ConnectionBadge.tsx';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { ordersQuery } from '../api/orders.ts';
import { useConfirmedCancel } from '../hooks/useConfirmedCancel.ts';
import { CancelNotice, CancelOrderDialog } from './CancelNotice.tsx';
import { OrdersTable } from './OrdersTable.tsx';

/** The newest orders beside the ticket, so a placed order is seen progressing where it was placed. */
export function RecentOrders() {
  const api = useApi();
  const live = useLiveQueryOptions();
  // The same key as /orders' first page: one cache entry, one set of optimistic rows.
  const orders = useQuery({ ...ordersQuery(api, { page: 1 }), ...live });
  const assets = useAssets();
  const cancel = useConfirmedCancel();
  return (
    <Card title="Your recent orders">
      <ConnectionBadge />
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
        <OrdersTable
          caption="Recent orders"
          orders={orders.data.items}
          assetsById={assets.catalog}
          empty="You have not placed any orders yet."
          onCancel={cancel.ask}
        />
      )}
    </Card>
  );
}
