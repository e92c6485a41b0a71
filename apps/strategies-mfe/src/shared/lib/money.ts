import { feeFor, minorToMoney, moneyToMinor, type FeeSchedule } from '@simplebank/money';

// Money as integer cents (BigInt), never binary floats: the amounts shown before confirming must
// match, to the cent, what the strategies and accounts services will compute.

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,8}))?$/;

/** A non-negative decimal string as an integer scaled by 10^digits; null when it has more digits. */
export function toScaled(value: string, digits: number): bigint | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > digits) return null;
  return BigInt(match[1]! + fraction.padEnd(digits, '0').slice(0, digits));
}

/** Cents → "1234.50". */
export function centsToMoney(cents: bigint): string {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Hundredths of a percent → "12.5". */
export function hundredthsToPercent(value: bigint): string {
  const text = value.toString().padStart(3, '0');
  const fraction = text.slice(-2).replace(/0+$/, '');
  return fraction ? `${text.slice(0, -2)}.${fraction}` : text.slice(0, -2);
}

/**
 * Splits cents over percentages the way the strategies service does (rules.ts `splitAmount`):
 * every part rounded down, then the cents left over one by one to the largest remainders, ties to
 * the earlier allocation, so the parts always add up to the amount.
 */
export function splitCents(amountCents: bigint, percentages: string[]): bigint[] {
  const exact = percentages.map((percentage, index) => {
    const hundredths = toScaled(percentage, 2) ?? 0n;
    const numerator = amountCents * hundredths;
    return { index, amount: numerator / 10_000n, remainder: numerator % 10_000n };
  });
  let left = amountCents - exact.reduce((sum, part) => sum + part.amount, 0n);
  const byRemainder = [...exact].sort((x, y) =>
    x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (left === 0n) break;
    part.amount += 1n;
    left -= 1n;
  }
  return exact.map((part) => part.amount);
}

export type { FeeSchedule } from '@simplebank/money';

/** The services' minimums (GET /api/fees): smaller investments and orders are refused. */
export interface Minimums {
  minimumOrderValue: string;
  minimumInvestment: string;
}

/** The fee of one order of `cents`: the one fee rule (packages/money), in cents. */
export function feeCents(cents: bigint, schedule: FeeSchedule): bigint {
  return BigInt(moneyToMinor(feeFor(minorToMoney(cents), schedule)));
}
