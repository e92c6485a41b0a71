import { useApi, useFlag, useLiveQueryOptions } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { feeScheduleQuery } from '../../../shared/api/fees.ts';
import { portfolioQuery } from '../../../shared/api/portfolio.ts';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { useSelectedAsset } from '../../../shared/hooks/useSelectedAsset.ts';
import { newIdempotencyKey } from './idempotency-key.ts';
import { evaluateTicket, type TicketDraft } from './ticket-rules.ts';
import { usePlaceOrder } from './usePlaceOrder.ts';

export const LIMIT_ORDERS_FLAG = 'orders.limitOrders';

const EMPTY: Omit<TicketDraft, 'accountId' | 'assetId'> = {
  side: 'buy',
  type: 'market',
  quantity: '',
  limitPrice: '',
};

/**
 * The order ticket's state. One idempotency key per ticket: every submit of the same draft (a
 * double click, a retry after a network error) sends the same key, so the server makes one
 * order. Editing the draft or placing the order starts a new ticket with a new key.
 */
export function useOrderTicket() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const portfolio = useQuery({ ...portfolioQuery(api), ...live });
  const assets = useAssets();
  const fees = useQuery(feeScheduleQuery(api));
  const limitOrders = useFlag(LIMIT_ORDERS_FLAG);
  const place = usePlaceOrder();

  // The asset is the trade screen's selection (watchlist, chart and ticket show the same one).
  const selection = useSelectedAsset();
  const [draft, setDraft] = useState<
    Omit<TicketDraft, 'accountId' | 'assetId'> & { accountId: string | null }
  >({
    ...EMPTY,
    accountId: null,
  });
  const [showErrors, setShowErrors] = useState(false);
  // The review step between the ticket and the request: what will be sent, before it is.
  const [reviewing, setReviewing] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  // Another asset chosen elsewhere (the watchlist) is another order: it gets a new key too.
  const [keyedAsset, setKeyedAsset] = useState(selection.assetId);
  if (keyedAsset !== selection.assetId) {
    setKeyedAsset(selection.assetId);
    setIdempotencyKey(newIdempotencyKey());
  }
  // State updates land after the event; the ref stops a second submit in the same frame.
  const inFlight = useRef(false);

  const accountId = draft.accountId ?? portfolio.data?.accounts[0]?.id ?? '';
  // The customer's choices are never changed behind their back: with the flag turned off, a limit
  // draft stays a limit draft that cannot be sent (errors.type says why) until they choose.
  const effective: TicketDraft = { ...draft, accountId, assetId: selection.assetId };
  const asset = assets.byId.get(effective.assetId);
  // Cheap to recompute, so done every render rather than memoised on the draft's fields.
  const evaluation = portfolio.data
    ? evaluateTicket(effective, { portfolio: portfolio.data, asset, fees: fees.data, limitOrders })
    : null;

  // A review of a draft that can no longer be sent (a flag went off meanwhile) closes, rather than
  // reopening by itself once the draft is valid again.
  if (reviewing && !evaluation?.request) setReviewing(false);

  const change = ({ assetId, ...changes }: Partial<TicketDraft>) => {
    if (assetId !== undefined) selection.select(assetId);
    setDraft((current) => ({ ...current, ...changes }));
    if (place.isSuccess || place.isError) place.reset();
    // A different order needs a different key; the same key would return the earlier order.
    setIdempotencyKey(newIdempotencyKey());
  };

  /** "Place order": a draft that can be sent opens its review; any other shows what is wrong. */
  const review = () => {
    setShowErrors(true);
    if (evaluation?.request && !inFlight.current) setReviewing(true);
  };

  const submit = () => {
    setShowErrors(true);
    const request = evaluation?.request;
    if (!request || inFlight.current) return;
    // The review closes as the order leaves: the pending row is what the customer follows next.
    setReviewing(false);
    inFlight.current = true;
    place.mutate(
      {
        request,
        idempotencyKey,
        estimatedTotal: request.side === 'buy' ? (evaluation.estimate?.total ?? null) : null,
      },
      {
        onSuccess: () => {
          setDraft((current) => ({ ...current, quantity: '', limitPrice: '' }));
          setShowErrors(false);
          setIdempotencyKey(newIdempotencyKey());
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  return {
    draft: effective,
    change,
    review,
    reviewing,
    /** Back to the ticket (Edit, Escape): the draft and its idempotency key stay as they were. */
    closeReview: () => setReviewing(false),
    submit,
    evaluation,
    asset,
    assets,
    portfolio,
    fees,
    limitOrders,
    place,
    /** Errors appear once the customer tried to submit, or as soon as a typed value is wrong. */
    visibleErrors: {
      ...(showErrors || effective.quantity !== '' ? { quantity: evaluation?.errors.quantity } : {}),
      ...(showErrors || effective.limitPrice !== '' ? { limitPrice: evaluation?.errors.limitPrice } : {}),
      ...(showErrors || effective.assetId !== '' ? { asset: evaluation?.errors.asset } : {}),
      ...(showErrors ? { account: evaluation?.errors.account } : {}),
      // Shown at once: it is news about the draft, not a mistake in it.
      type: evaluation?.errors.type,
    },
  };
}
