// The trading day of a mocked asset, as the market service keeps it (services/market/src/prices.ts):
// the day's first price opens it, later prices of the same UTC day move its high and low.
import type { Asset } from '../types.ts';
import { compare, movePrice } from '../decimal.ts';

type TradingDay = NonNullable<Asset['day']>;

/** The day after a price at `at`: a new one when `at` is a later UTC day (or there was none). */
export function withPrice(day: Asset['day'], price: string, at: string): TradingDay {
  const date = at.slice(0, 10);
  if (!day || day.date < date) return { date, open: price, high: price, low: price };
  if (day.date > date) return day;
  return {
    ...day,
    high: compare(price, day.high) > 0 ? price : day.high,
    low: compare(price, day.low) < 0 ? price : day.low,
  };
}

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
