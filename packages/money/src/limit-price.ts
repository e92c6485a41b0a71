import { compare, isDecimal } from './decimal.ts';

export type OrderType = 'market' | 'limit';

export interface LimitPriceProblem {
  code: 'LIMIT_PRICE_REQUIRED' | 'LIMIT_PRICE_NOT_ALLOWED' | 'LIMIT_PRICE_NOT_POSITIVE';
  reason: string;
}

/**
 * The limit-price rule: a limit order needs a limit price above zero; a market order has none.
 * The orders service enforces it, the BFF answers it before calling, the ticket explains it.
 */
export function limitPriceProblem(type: OrderType, limitPrice: string | undefined): LimitPriceProblem | null {
  if (type === 'limit' && limitPrice === undefined)
    return { code: 'LIMIT_PRICE_REQUIRED', reason: 'required for limit orders' };
  if (type === 'market' && limitPrice !== undefined)
    return { code: 'LIMIT_PRICE_NOT_ALLOWED', reason: 'only for limit orders' };
  if (limitPrice !== undefined && (!isDecimal(limitPrice) || compare(limitPrice, '0') <= 0))
    return { code: 'LIMIT_PRICE_NOT_POSITIVE', reason: 'must be above zero' };
  return null;
}
