import { compareDecimals } from '@simplebank/ui';
import type { Asset } from './assets.ts';
import { changePercent } from './history.ts';

export type TradingDay = NonNullable<Asset['day']>;

/**
 * The trading day after a pushed price, by the rule of openapi/bff.yaml (TradingDay): a price of a
 * later UTC day opens a new day at that price, one of the same day moves its high and low.
 */
export function dayWithPrice(day: Asset['day'], price: string, at: string): TradingDay {
  const date = new Date(at).toISOString().slice(0, 10);
  if (!day || day.date < date) return { date, open: price, high: price, low: price };
  if (day.date > date) return day;
  return {
    ...day,
    high: compareDecimals(price, day.high) > 0 ? price : day.high,
    low: compareDecimals(price, day.low) < 0 ? price : day.low,
  };
}

/** The change since the day's open in percent (two decimals); null without a price or a day. */
export function dailyChangePercent(asset: Asset): string | null {
  return asset.price !== null && asset.day ? changePercent(asset.day.open, asset.price) : null;
}
