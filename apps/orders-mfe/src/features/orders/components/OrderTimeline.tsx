import { formatTime, formatDate, StatusBadge } from '@simplebank/ui';
import type { Order } from '../api/orders.ts';

/** The saga's steps of one order, oldest first, with when each happened and why it stopped. */
export function OrderTimeline({ order, label }: { order: Order; label: string }) {
  return (
    <ol className="sb-timeline" aria-label={label}>
      {order.steps.map((step, index) => (
        <li key={`${step.status}-${index}`}>
          <StatusBadge status={step.status} />
          <time dateTime={step.at}>
            {formatDate(step.at)} {formatTime(step.at)}
          </time>
          {/* The fill keeps the order placed until it settles: say which placed entry it is. */}
          {step.step === 'executed' && <span className="sb-muted">filled at the market</span>}
          {step.reason && <span className="sb-muted">{step.reason}</span>}
        </li>
      ))}
    </ol>
  );
}
