import {
  addDecimals,
  compareDecimals,
  formatMoney,
  formatQuantity,
  multiplyDecimals,
  subtractDecimals,
} from '@simplebank/ui';
import { limitPriceProblem, type LimitPriceProblem } from '@simplebank/money';
import type { Asset } from '../../../shared/api/assets.ts';
import { estimateFee, toCents, type FeeSchedule } from '../../../shared/api/fees.ts';
import type { Portfolio } from '../../../shared/api/portfolio.ts';
import type { PlaceOrderRequest } from '../api/orders.ts';

export type Side = PlaceOrderRequest['side'];
export type OrderType = PlaceOrderRequest['type'];

/** What the customer typed, as typed. */
export interface TicketDraft {
  accountId: string;
  assetId: string;
  side: Side;
  type: OrderType;
  quantity: string;
  limitPrice: string;
}

export interface TicketEstimate {
  /** The price the estimate uses: the limit price, else the live price. */
  price: string | null;
  value: string | null;
  fee: string | null;
  /** Buy: value + fee (what is reserved). Sell: value − fee (what comes back). */
  total: string | null;
  /** Buy: available cash. Sell: quantity held and not reserved by another order. */
  available: string;
  currency: string;
}

export interface TicketErrors {
  account?: string;
  asset?: string;
  /** The order type chosen is not available (its flag was turned off): the customer must choose. */
  type?: string;
  quantity?: string;
  limitPrice?: string;
}

export interface TicketEvaluation {
  estimate: TicketEstimate | null;
  errors: TicketErrors;
  /** The request to send, only when nothing is wrong. */
  request: PlaceOrderRequest | null;
}

const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;

function fractionDigits(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}

/** Why `text` is not written as a plain decimal, saying what is wrong with the usual near misses. */
function decimalFormatError(text: string, what: string): string | undefined {
  if (/^-\s*\d/.test(text)) return `Enter ${what} greater than 0: it cannot be negative.`;
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(text))
    return `Write ${what} in plain digits (like 1000000), not in scientific notation.`;
  if (!UNSIGNED_DECIMAL.test(text)) return `Enter ${what} as a number, like 5 or 2.5.`;
  return undefined;
}

/** Why a plain decimal has more decimals or digits than the bank keeps, or undefined. */
function sizeError(text: string, digits: number): string | undefined {
  if (fractionDigits(text) > digits) return `Use at most ${digits} decimal places.`;
  if (text.split('.')[0]!.replace(/^0+/, '').length > 15) return `That is more than the bank can handle.`;
  return undefined;
}

/** Why `value` is not a positive decimal with at most `digits` decimals, or undefined. */
function positiveDecimalError(value: string, what: string, digits: number): string | undefined {
  const text = value.trim();
  if (text === '') return `Enter ${what}.`;
  const formatError = decimalFormatError(text, what);
  if (formatError) return formatError;
  if (compareDecimals(text, '0') <= 0) return `Enter ${what} greater than 0.`;
  return sizeError(text, digits);
}

/** The limit-price rule's answers (packages/money/src/limit-price.ts), as the ticket says them. */
const LIMIT_PRICE_MESSAGES: Record<LimitPriceProblem['code'], string> = {
  LIMIT_PRICE_REQUIRED: 'Enter a limit price.',
  LIMIT_PRICE_NOT_ALLOWED: 'A market order has no limit price.',
  LIMIT_PRICE_NOT_POSITIVE: 'Enter a limit price greater than 0.',
};

/**
 * The limit price by the one limit-price rule (the orders service and the BFF apply it too), with
 * the ticket's own word on a price that is not written as a number or has too many decimals.
 */
function limitPriceError(type: OrderType, value: string): string | undefined {
  const text = value.trim();
  // A market order sends no limit price: the field is hidden and the request leaves it out.
  const sent = type === 'limit' && text !== '' ? text : undefined;
  const problem = limitPriceProblem(type, sent);
  if (problem?.code === 'LIMIT_PRICE_NOT_POSITIVE')
    return decimalFormatError(text, 'a limit price') ?? LIMIT_PRICE_MESSAGES[problem.code];
  if (problem) return LIMIT_PRICE_MESSAGES[problem.code];
  return sent === undefined ? undefined : sizeError(sent, 4);
}

function freeQuantity(portfolio: Portfolio, accountId: string, assetId: string): string {
  const holding = portfolio.holdings.find((h) => h.accountId === accountId && h.assetId === assetId);
  return holding ? subtractDecimals(holding.quantity, holding.reservedQuantity) : '0';
}

/**
 * Validates the ticket against what the customer has and estimates the order. The same rules as
 * the saga's reservation (cash for value + fee on a buy, the free holding on a sell), so an order
 * the ticket accepts is not rejected for lack of funds unless the price moves.
 */
export function evaluateTicket(
  draft: TicketDraft,
  {
    portfolio,
    asset,
    fees,
    limitOrders = true,
  }: {
    portfolio: Portfolio;
    asset: Asset | undefined;
    fees: FeeSchedule | undefined;
    /** Whether limit orders may be sent (the `orders.limitOrders` flag). */
    limitOrders?: boolean;
  },
): TicketEvaluation {
  const errors: TicketErrors = {};
  // The draft keeps the customer's choice; it is only not sendable until they choose again.
  if (draft.type === 'limit' && !limitOrders)
    errors.type =
      'Limit orders have just been turned off, so this limit order cannot be sent. Your quantity and limit price are kept: choose Market to send it at the market price, or wait until limit orders are back.';
  const account = portfolio.accounts.find((a) => a.id === draft.accountId);
  if (!account) errors.account = 'Choose an account.';
  if (!asset) errors.asset = 'Choose an asset.';
  const quantityError = positiveDecimalError(draft.quantity, 'a quantity', 8);
  if (quantityError) errors.quantity = quantityError;
  const limitError = limitPriceError(draft.type, draft.limitPrice);
  if (limitError) errors.limitPrice = limitError;
  if (!account || !asset) return { estimate: null, errors, request: null };

  const currency = asset.currency;
  const price = draft.type === 'limit' ? (limitError ? null : draft.limitPrice.trim()) : asset.price;
  if (draft.type === 'market' && asset.price === null)
    errors.asset = 'This asset has no price yet, so a market order cannot be estimated.';
  const quantity = quantityError ? null : draft.quantity.trim();
  const value = price !== null && quantity !== null ? toCents(multiplyDecimals(quantity, price)) : null;
  const fee = value !== null && fees ? estimateFee(value, fees) : null;
  const total =
    value !== null && fee !== null
      ? draft.side === 'buy'
        ? addDecimals(value, fee)
        : subtractDecimals(value, fee)
      : null;
  const available =
    draft.side === 'buy' ? account.cash.available : freeQuantity(portfolio, account.id, asset.id);

  if (quantity !== null) {
    if (draft.side === 'sell' && compareDecimals(quantity, available) > 0) {
      errors.quantity =
        compareDecimals(available, '0') === 0
          ? `You have no ${asset.symbol} to sell in this account.`
          : `You can sell at most ${formatQuantity(available)} ${asset.symbol}.`;
    } else if (draft.side === 'buy' && total !== null && compareDecimals(total, available) > 0) {
      errors.quantity = `Not enough cash: this order needs about ${formatMoney(total, currency)} and ${formatMoney(available, account.currency)} is available.`;
    } else if (value !== null && fees && compareDecimals(value, fees.minimumOrderValue) < 0) {
      errors.quantity = `The minimum order value is ${formatMoney(fees.minimumOrderValue, currency)}; this order is worth about ${formatMoney(value, currency)}.`;
    }
  }

  const estimate: TicketEstimate = { price, value, fee, total, available, currency };
  const valid = Object.keys(errors).length === 0 && quantity !== null;
  const request: PlaceOrderRequest | null = valid
    ? {
        accountId: account.id,
        assetId: asset.id,
        side: draft.side,
        type: draft.type,
        quantity,
        ...(draft.type === 'limit' ? { limitPrice: draft.limitPrice.trim() } : {}),
      }
    : null;
  return { estimate, errors, request };
}
