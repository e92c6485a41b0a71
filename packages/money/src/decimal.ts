// Exact arithmetic on decimal strings, on decimal.js: amounts travel as strings (docs/DOMAIN.md,
// Money) and are never binary floats. One configured copy, so every caller computes alike.
import DecimalJs from 'decimal.js';

/** Enough significant digits for 15 integer and 8 fraction digits multiplied together, never exponents. */
export const Decimal = DecimalJs.clone({
  precision: 80,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -80,
  toExpPos: 80,
});

export type Rounding = 'half-up' | 'up' | 'down';
const MODES: Record<Rounding, DecimalJs.Rounding> = {
  // Half away from zero, as the services round fees and cents.
  'half-up': DecimalJs.ROUND_HALF_UP,
  up: DecimalJs.ROUND_UP,
  down: DecimalJs.ROUND_DOWN,
};

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "12", "-0.5", "19.99": a plain decimal string (no exponent, no sign on zero required). */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

function parse(value: string): DecimalJs {
  if (!isDecimal(value)) throw new TypeError(`Not a decimal string: ${value}`);
  return new Decimal(value);
}

/** Fraction digits as written: "0.10" has 2. */
function scaleOf(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** add('0.10', '0.20') → '0.30': exact, with as many fraction digits as the longest input. */
export function add(...values: string[]): string {
  const sum = values.reduce((total, value) => total.plus(parse(value)), new Decimal(0));
  return sum.toFixed(Math.max(0, ...values.map(scaleOf)));
}

/** subtract('10', '0.01') → '9.99' */
export function subtract(a: string, b: string): string {
  return parse(a)
    .minus(parse(b))
    .toFixed(Math.max(scaleOf(a), scaleOf(b)));
}

/** multiply('3', '19.99') → '59.97': exact, the scales of both inputs added. */
export function multiply(a: string, b: string): string {
  return parse(a)
    .times(parse(b))
    .toFixed(scaleOf(a) + scaleOf(b));
}

/** a ÷ b rounded to `digits` fraction digits. */
export function divide(a: string, b: string, digits: number, rounding: Rounding = 'half-up'): string {
  const divisor = parse(b);
  if (divisor.isZero()) throw new RangeError('Division by zero');
  return parse(a).div(divisor).toFixed(digits, MODES[rounding]);
}

/** compare('1.10', '1.1') → 0; negative when a < b, positive when a > b. */
export function compare(a: string, b: string): -1 | 0 | 1 {
  return parse(a).comparedTo(parse(b)) as -1 | 0 | 1;
}

/** round('1.005', 2) → '1.01' (half away from zero unless told otherwise). */
export function round(value: string, digits: number, rounding: Rounding = 'half-up'): string {
  return parse(value).toFixed(digits, MODES[rounding]);
}

/** Integer minor units (cents) → "1234.50". */
export function minorToMoney(minor: number | bigint): string {
  return new Decimal(minor.toString()).div(100).toFixed(2);
}

/** A money string → integer minor units, rounded as told (a cost rounds up so a reservation covers it). */
export function moneyToMinor(value: string, rounding: Rounding = 'half-up'): number {
  return parse(value).times(100).toDecimalPlaces(0, MODES[rounding]).toNumber();
}
