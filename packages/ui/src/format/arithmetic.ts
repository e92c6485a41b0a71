// Exact arithmetic on decimal strings, for the few sums the UI computes itself (a holding's live
// value from a pushed price, a portfolio total). Values are scaled to BigInts, never floats.
import { parseDecimal } from './decimal.ts';

interface Scaled {
  value: bigint;
  scale: number;
}

function toScaled(value: string): Scaled {
  const parts = parseDecimal(value);
  const magnitude = BigInt(parts.integer + parts.fraction);
  return { value: parts.negative ? -magnitude : magnitude, scale: parts.fraction.length };
}

function toDecimalString({ value, scale }: Scaled): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const integer = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : digits.slice(-scale);
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

function rescale(scaled: Scaled, scale: number): bigint {
  return scaled.value * 10n ** BigInt(scale - scaled.scale);
}

/** multiplyDecimals('3', '19.99') → '59.97' (the scale is the sum of both scales). */
export function multiplyDecimals(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  return toDecimalString({ value: x.value * y.value, scale: x.scale + y.scale });
}

/** addDecimals('0.1', '0.2') → '0.3'; with no values, '0'. */
export function addDecimals(...values: string[]): string {
  const scaled = values.map(toScaled);
  const scale = Math.max(0, ...scaled.map((s) => s.scale));
  const sum = scaled.reduce((total, s) => total + rescale(s, scale), 0n);
  return toDecimalString({ value: sum, scale });
}

/** subtractDecimals('10', '0.01') → '9.99' */
export function subtractDecimals(a: string, b: string): string {
  const y = toScaled(b);
  return addDecimals(a, toDecimalString({ value: -y.value, scale: y.scale }));
}

/** compareDecimals('1.10', '1.1') → 0; negative when a < b, positive when a > b. */
export function compareDecimals(a: string, b: string): number {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const difference = rescale(x, scale) - rescale(y, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
