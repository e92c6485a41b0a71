// A seeded asset's trading day. How a price moves the day is packages/money's dayWithPrice, the
// market service's rule (services/market/src/prices.ts).
import type { Asset } from '../types.ts';
import { compare, movePrice } from '../decimal.ts';

type TradingDay = NonNullable<Asset['day']>;

/**
 * A seeded asset's day so far: it opened `openMoveBp` basis points away from the price (so some
 * assets are up and some down), and ranged a little beyond the open and the price.
 */
export function seedDay(price: string, at: string, openMoveBp: number): TradingDay {
  const open = movePrice(price, openMoveBp);
  const up = compare(price, open) >= 0;
  return {
    date: at.slice(0, 10),
    open,
    high: movePrice(up ? price : open, 25),
    low: movePrice(up ? open : price, -25),
  };
}
