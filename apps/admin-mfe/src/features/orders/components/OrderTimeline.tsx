import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { ErrorNotice, formatDateTime, Loading, StatusBadge } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { orderTimelineQuery, type Order } from '../api/orders.ts';
import { FragmentBuilds } from '../../../shared/components/FragmentBuilds.tsx';

/** A step's recorded details as "key: value" pairs (reasons, amounts, ids). */
function describe(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

/** An order's detail: its fields, the steps the read model shows and the saga's log with its events. */
export function OrderTimeline({ order }: { order: Order }) {
  const api = useApi();
  const live = useLiveQueryOptions();
  const timeline = useQuery({ ...orderTimelineQuery(api, order.id), ...live });
  return (
    <div className="sb-order-detail">
      <h3 className="sb-section-heading">Order {order.id}</h3>
      <p>
        Account <code>{order.accountId}</code>, created {formatDateTime(order.createdAt)}, version{' '}
        {order.version}
        {order.statusReason ? `, reason: ${order.statusReason}` : ''}
        {order.idempotencyKey ? `, idempotency key ${order.idempotencyKey}` : ''}.
      </p>
      <h4>Status steps</h4>
      <ol aria-label={`Status steps of order ${order.id}`}>
        {order.steps.map((step, index) => (
          <li key={`${step.status}-${index}`}>
            <StatusBadge status={step.status} /> <time dateTime={step.at}>{formatDateTime(step.at)}</time>
            {step.reason ? ` (${step.reason})` : ''}
          </li>
        ))}
      </ol>
      <h4>Served by</h4>
      {timeline.isSuccess &&
        (timeline.data.servedBy ? (
          <FragmentBuilds builds={timeline.data.servedBy} label={`Builds that served order ${order.id}`} />
        ) : (
          <p>Not known: the order was not placed from a browser that reported its builds.</p>
        ))}
      <h4>Saga log</h4>
      {timeline.isPending ? (
        <Loading label="Loading the saga log…" />
      ) : timeline.isError ? (
        <ErrorNotice
          title="We could not load the saga log."
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
        />
      ) : (
        <ol aria-label={`Saga log of order ${order.id}`}>
          {timeline.data.entries.map((entry) => (
            <li key={entry.seq}>
              <strong>{entry.step}</strong> <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {Object.keys(entry.detail).length > 0 ? ` — ${describe(entry.detail)}` : ''}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
