import {
  Button,
  Card,
  ErrorNotice,
  formatMoney,
  formatQuantity,
  Loading,
  Notice,
  Select,
  StatList,
  TextField,
} from '@simplebank/ui';
import { ApiError } from '@simplebank/platform';
import { useMemo, useState, type FormEvent } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import type { TicketEstimate } from '../hooks/ticket-rules.ts';
import { useOrderTicket } from '../hooks/useOrderTicket.ts';
import { ChoiceGroup } from './ChoiceGroup.tsx';
import { OrderReview } from './OrderReview.tsx';
import './order-ticket.css';

function assetLabel(asset: Asset): string {
  const price =
    asset.price === null
      ? 'no price yet'
      : formatMoney(asset.price, asset.currency, { maxFractionDigits: 4 });
  return `${asset.symbol} · ${asset.name} (${price})`;
}

function money(value: string | null, currency: string): string {
  return value === null ? '—' : formatMoney(value, currency);
}

function EstimateList({
  estimate,
  side,
  symbol,
  minimumOrderValue,
}: {
  estimate: TicketEstimate;
  side: 'buy' | 'sell';
  symbol: string;
  minimumOrderValue: string | undefined;
}) {
  const { currency } = estimate;
  return (
    <StatList
      items={[
        {
          label: 'Price used',
          value:
            estimate.price === null ? '—' : formatMoney(estimate.price, currency, { maxFractionDigits: 4 }),
        },
        { label: 'Estimated value', value: money(estimate.value, currency) },
        { label: 'Fee', value: money(estimate.fee, currency) },
        {
          label: side === 'buy' ? 'Estimated cost' : 'Estimated proceeds',
          value: money(estimate.total, currency),
        },
        side === 'buy'
          ? { label: 'Available cash', value: formatMoney(estimate.available, currency) }
          : { label: 'Available to sell', value: `${formatQuantity(estimate.available)} ${symbol}` },
        // Said before sending: smaller orders are refused (their fee would exceed 2% of them).
        ...(minimumOrderValue
          ? [{ label: 'Minimum order value', value: formatMoney(minimumOrderValue, currency) }]
          : []),
      ]}
    />
  );
}

/** The server's refusal in words; a flag turned off is named by what it means to the customer. */
function placeRefusal(error: Error): Error | string {
  if (error instanceof ApiError && error.code === 'feature_disabled')
    return 'Limit orders were turned off before your order reached us, so nothing was sent. Your draft is kept: choose Market to send it, or wait until limit orders are back.';
  return error;
}

/**
 * The order ticket: choose, check the estimate, review, confirm. Placed orders appear in the
 * blotter at once.
 */
export function OrderTicket() {
  const ticket = useOrderTicket();
  const [search, setSearch] = useState('');
  const { draft, evaluation, asset, visibleErrors, place } = ticket;

  const options = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = ticket.assets.data ?? [];
    const found = all.filter(
      (a) => !needle || a.symbol.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle),
    );
    // The chosen asset stays selectable even when the search no longer matches it.
    const chosen = asset && !found.includes(asset) ? [asset] : [];
    return [...chosen, ...found].map((a) => ({ value: a.id, label: assetLabel(a) }));
  }, [search, ticket.assets.data, asset]);

  // Only a ticket that never loaded gives way to the error: a failed refresh (a service briefly
  // out) keeps the form and the customer's draft on screen, with a warning in the form.
  const portfolio = ticket.portfolio.data;
  if (!portfolio || !ticket.assets.data) {
    if (ticket.portfolio.isPending || ticket.assets.isPending)
      return (
        <Card title="New order">
          <Loading label="Loading the order ticket…" />
        </Card>
      );
    return (
      <Card title="New order">
        <ErrorNotice
          title="We could not load the order ticket."
          error={ticket.portfolio.error ?? ticket.assets.error}
          onRetry={() => {
            void ticket.portfolio.refetch();
            void ticket.assets.refetch();
          }}
        />
      </Card>
    );
  }

  const accounts = portfolio.accounts;
  const refreshFailed = ticket.portfolio.isError || ticket.assets.isError;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    ticket.review();
  };
  const reviewed = evaluation?.request;

  return (
    <Card title="New order">
      <form className="sb-form sb-ticket" aria-label="Order ticket" noValidate onSubmit={onSubmit}>
        <div className="sb-ticket-row">
          <Select
            label="Account"
            value={draft.accountId}
            error={visibleErrors.account}
            onChange={(event) => ticket.change({ accountId: event.target.value })}
            options={accounts.map((account) => ({
              value: account.id,
              label: `${account.name} (${account.currency})`,
            }))}
          />
          <TextField
            label="Find an asset"
            type="search"
            placeholder="Symbol or name"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <Select
          label="Asset"
          value={draft.assetId}
          placeholder={options.length === 0 ? 'No asset matches your search' : 'Choose an asset'}
          error={visibleErrors.asset}
          hint={
            asset?.price
              ? `Live price ${formatMoney(asset.price, asset.currency, { maxFractionDigits: 4 })}${asset.priceStale ? ' (delayed)' : ''}`
              : undefined
          }
          onChange={(event) => ticket.change({ assetId: event.target.value })}
          options={options}
        />
        <div className="sb-ticket-row">
          <ChoiceGroup
            legend="Side"
            name="side"
            value={draft.side}
            onChange={(side) => ticket.change({ side })}
            choices={[
              { value: 'buy', label: 'Buy' },
              { value: 'sell', label: 'Sell' },
            ]}
          />
          {/* Still shown for a limit draft when the flag goes off, so the customer can choose again. */}
          {(ticket.limitOrders || draft.type === 'limit') && (
            <ChoiceGroup
              legend="Order type"
              name="type"
              value={draft.type}
              onChange={(type) => ticket.change({ type })}
              choices={[
                { value: 'market', label: 'Market' },
                { value: 'limit', label: ticket.limitOrders ? 'Limit' : 'Limit (not available now)' },
              ]}
            />
          )}
        </div>
        {visibleErrors.type && (
          <Notice tone="warning" title="Limit orders are not available right now">
            {visibleErrors.type}
          </Notice>
        )}
        <div className="sb-ticket-row">
          <TextField
            label="Quantity"
            inputMode="decimal"
            autoComplete="off"
            value={draft.quantity}
            error={visibleErrors.quantity}
            onChange={(event) => ticket.change({ quantity: event.target.value })}
          />
          {draft.type === 'limit' && (
            <TextField
              label="Limit price"
              inputMode="decimal"
              autoComplete="off"
              value={draft.limitPrice}
              error={visibleErrors.limitPrice}
              onChange={(event) => ticket.change({ limitPrice: event.target.value })}
            />
          )}
        </div>
        {evaluation?.estimate && asset && (
          <EstimateList
            estimate={evaluation.estimate}
            side={draft.side}
            symbol={asset.symbol}
            minimumOrderValue={ticket.fees.data?.minimumOrderValue}
          />
        )}
        {refreshFailed && (
          <Notice tone="warning" title="Your accounts and prices could not be refreshed">
            The figures shown may be out of date; your draft is kept.
          </Notice>
        )}
        {ticket.fees.isError && (
          <Notice tone="warning" title="The fee cannot be estimated right now">
            The fee is shown on the order once it is placed.
          </Notice>
        )}
        {place.isError && (
          <ErrorNotice
            title="Your order was not placed."
            error={placeRefusal(place.error)}
            onRetry={ticket.submit}
          />
        )}
        {place.isSuccess && (
          <Notice tone="success" title="Order sent">
            Follow it in your recent orders.
          </Notice>
        )}
        <Button type="submit" busy={place.isPending}>
          Place order
        </Button>
      </form>
      {reviewed && asset && (
        <OrderReview
          open={ticket.reviewing}
          request={reviewed}
          estimate={evaluation.estimate}
          asset={asset}
          account={accounts.find((account) => account.id === reviewed.accountId)}
          busy={place.isPending}
          onConfirm={ticket.submit}
          onEdit={ticket.closeReview}
        />
      )}
    </Card>
  );
}
