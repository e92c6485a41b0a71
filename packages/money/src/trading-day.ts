import { compare } from './decimal.ts';

/** An asset's UTC trading day: its opening price and the day's range (openapi/bff.yaml, TradingDay). */
export interface TradingDay {
  date: string;
  open: string;
  high: string;
  low: string;
}

/**
 * The trading day after a price at `at` (an ISO time), as the market service keeps it
 * (services/market/src/prices.ts): a price of a later UTC day, or the first price, opens a new day
 * at that price; one of the same day moves its high and low; one of an earlier day changes nothing.
 */
export function dayWithPrice(day: TradingDay | null | undefined, price: string, at: string): TradingDay {
  const date = new Date(at).toISOString().slice(0, 10);
  if (!day || day.date < date) return { date, open: price, high: price, low: price };
  if (day.date > date) return day;
  return {
    ...day,
    high: compare(price, day.high) > 0 ? price : day.high,
    low: compare(price, day.low) < 0 ? price : day.low,
  };
}
