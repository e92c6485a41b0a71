import { Button, Dialog, formatMoney, formatQuantity, StatList } from '@simplebank/ui';
import type { Account } from '../../../shared/api/portfolio.ts';
import type { Asset } from '../../../shared/api/assets.ts';
import type { PlaceOrderRequest } from '../api/orders.ts';
import type { TicketEstimate } from '../hooks/ticket-rules.ts';

export interface OrderReviewProps {
  open: boolean;
  request: PlaceOrderRequest;
  estimate: TicketEstimate | null;
  asset: Asset;
  account: Account | undefined;
  busy: boolean;
  onConfirm: () => void;
  /** Back to the ticket with the draft as it is (Edit order, Escape, a click outside). */
  onEdit: () => void;
}

function money(value: string | null | undefined, currency: string): string {
  return value ? formatMoney(value, currency) : '—';
}

/**
 * The step between "Place order" and the request: exactly what will be sent, what it is estimated
 * to cost, from which account. Confirm sends it; Edit order or Escape goes back to the ticket.
 */
export function OrderReview({
  open,
  request,
  estimate,
  asset,
  account,
  busy,
  onConfirm,
  onEdit,
}: OrderReviewProps) {
  const currency = estimate?.currency ?? asset.currency;
  const buy = request.side === 'buy';
  const summary = `${buy ? 'Buy' : 'Sell'} ${formatQuantity(request.quantity)} ${asset.symbol}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onEdit()}
      title="Review your order"
      description={`${summary}: nothing is sent until you confirm. Prices move, so the final amount may differ from this estimate.`}
      actions={
        <>
          <Button busy={busy} onClick={onConfirm}>
            Confirm order
          </Button>
          <Button variant="secondary" onClick={onEdit}>
            Edit order
          </Button>
        </>
      }
    >
      <StatList
        items={[
          { label: 'Side', value: buy ? 'Buy' : 'Sell' },
          { label: 'Quantity', value: formatQuantity(request.quantity) },
          { label: 'Asset', value: `${asset.symbol} · ${asset.name}` },
          { label: 'Order type', value: request.type === 'limit' ? 'Limit' : 'Market' },
          ...(request.type === 'limit' && request.limitPrice
            ? [
                {
                  label: 'Limit price',
                  value: formatMoney(request.limitPrice, currency, { maxFractionDigits: 4 }),
                },
              ]
            : []),
          {
            label: 'Estimated price',
            value: estimate?.price ? formatMoney(estimate.price, currency, { maxFractionDigits: 4 }) : '—',
          },
          { label: 'Estimated value', value: money(estimate?.value, currency) },
          { label: 'Fee', value: money(estimate?.fee, currency) },
          {
            label: buy ? 'Estimated total cost' : 'Estimated proceeds',
            value: money(estimate?.total, currency),
          },
          {
            label: 'Account',
            value: account ? `${account.name} (${account.currency})` : request.accountId,
          },
        ]}
      />
    </Dialog>
  );
}
