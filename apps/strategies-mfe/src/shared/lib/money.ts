import { divide, minorToMoney, multiply, round } from '@simplebank/money';

// Money as decimal strings or integer cents (BigInt), never binary floats: the amounts shown before
// confirming must match, to the cent, what the strategies and accounts services will compute, so
// every sum goes through packages/money, as theirs do.

const DECIMAL = /^\d{1,15}(?:\.\d{1,8})?$/;

/** A non-negative decimal string as an integer scaled by 10^digits; null when it has more digits. */
export function toScaled(value: string, digits: number): bigint | null {
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const scaled = multiply(text, `1${'0'.repeat(digits)}`);
  // Any fraction digit left but zeros is a digit more than allowed.
  if (/\.\d*[1-9]/.test(scaled)) return null;
  return BigInt(round(scaled, 0));
}

/** Cents → "1234.50". */
export function centsToMoney(cents: bigint): string {
  return minorToMoney(cents);
}

/** Hundredths of a percent → "12.5" (no trailing zeros). */
export function hundredthsToPercent(value: bigint): string {
  return divide(value.toString(), '100', 2).replace(/\.?0+$/, '');
}

export type { FeeSchedule } from '@simplebank/money';

/** The services' minimums (GET /api/fees): smaller investments and orders are refused. */
export interface Minimums {
  minimumOrderValue: string;
  minimumInvestment: string;
}
