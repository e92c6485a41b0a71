import Decimal from 'decimal.js';
import { FEE_SCHEDULE, feeForMinor, moneyToMinor } from '@simplebank/money';

/**
 * The fee schedule (packages/money): 0.1% of the order's value, at least 1.00 in the account's
 * currency, rounded half up to the minor unit. The fee is estimated on the order's value at the
 * estimated price (a cap for market buys) and charged before the order goes to market.
 */
export const FEE_RATE_PERCENT = FEE_SCHEDULE.ratePercent;
export const FEE_MINIMUM_MINOR = moneyToMinor(FEE_SCHEDULE.minimum);

export function feeForNotional(notionalMinor: number): number {
  return feeForMinor(notionalMinor, FEE_SCHEDULE);
}

/** quantity × price in minor units (2 decimals); `up` rounds a cost so a reservation covers it. */
export function notionalMinor(quantity: string, price: string, rounding: 'up' | 'down' | 'half-up'): number {
  const mode =
    rounding === 'up' ? Decimal.ROUND_UP : rounding === 'down' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP;
  return new Decimal(quantity).mul(price).mul(100).toDecimalPlaces(0, mode).toNumber();
}

export const feeSchedule = {
  ratePercent: FEE_RATE_PERCENT,
  minimumMinor: FEE_MINIMUM_MINOR,
  rounding: 'half up to the minor unit',
  description:
    '0.1% of the order value, minimum 1.00 (in the account currency); charged when the order is sent, reversed if it fails, expires or is cancelled',
};
