// Just enough exact decimal arithmetic for the mocks to compute values, costs and price moves
// the way the BFF would (decimal strings in, decimal strings out, BigInt in between).

interface Scaled {
  value: bigint;
  scale: number;
}

function scaled(value: string): Scaled {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new TypeError(`Not a decimal string: ${value}`);
  const fraction = match[3] ?? '';
  const magnitude = BigInt((match[2] ?? '0') + fraction);
  return { value: match[1] ? -magnitude : magnitude, scale: fraction.length };
}

/** Rounds half away from zero to `digits` fraction digits. */
function toFixed({ value, scale }: Scaled, digits: number): string {
  let result = value;
  if (scale > digits) {
    const divisor = 10n ** BigInt(scale - digits);
    const half = divisor / 2n;
    result = (value < 0n ? value - half : value + half) / divisor;
  } else {
    result = value * 10n ** BigInt(digits - scale);
  }
  const negative = result < 0n;
  const digitsText = (negative ? -result : result).toString().padStart(digits + 1, '0');
  const integer = digits === 0 ? digitsText : digitsText.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${digitsText.slice(-digits)}`;
  return `${negative && result !== 0n ? '-' : ''}${integer}${fraction}`;
}

export function multiply(a: string, b: string, digits = 2): string {
  const x = scaled(a);
  const y = scaled(b);
  return toFixed({ value: x.value * y.value, scale: x.scale + y.scale }, digits);
}

export function add(values: string[], digits = 2): string {
  const all = values.map(scaled);
  const scale = Math.max(0, ...all.map((s) => s.scale));
  const sum = all.reduce((total, s) => total + s.value * 10n ** BigInt(scale - s.scale), 0n);
  return toFixed({ value: sum, scale }, digits);
}

export function subtract(a: string, b: string, digits = 2): string {
  const y = scaled(b);
  return add([a, toFixed({ value: -y.value, scale: y.scale }, y.scale)], digits);
}

export function compare(a: string, b: string): number {
  const difference = scaled(subtract(a, b, 8)).value;
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** Moves a price by `basisPoints` (1 bp = 0.01%), keeping its number of fraction digits. */
export function movePrice(price: string, basisPoints: number): string {
  const digits = scaled(price).scale;
  const factor = toFixed({ value: 10000n + BigInt(basisPoints), scale: 4 }, 4);
  return multiply(price, factor, digits);
}

/** a ÷ b, rounded half away from zero to `digits` fraction digits. */
export function divide(a: string, b: string, digits = 8): string {
  const x = scaled(a);
  const y = scaled(b);
  if (y.value === 0n) throw new RangeError('Division by zero');
  // a/b = (x.value / 10^x.scale) / (y.value / 10^y.scale); keep one extra digit for rounding.
  const numerator = x.value * 10n ** BigInt(digits + 1 + y.scale);
  const denominator = y.value * 10n ** BigInt(x.scale);
  return toFixed({ value: numerator / denominator, scale: digits + 1 }, digits);
}

/**
 * Splits `amount` by percentages in whole cents. The cents lost to rounding down go one by one to
 * the allocations in order, so the parts always add up to the amount (docs/DOMAIN.md: PlaceStrategyOrders).
 */
export function splitByPercentages(amount: string, percentages: string[]): string[] {
  const cents = scaled(multiply(amount, '100', 0)).value;
  const PRECISION = 8;
  const shares = percentages.map((percentage) => {
    const p = scaled(toFixed(scaled(percentage), PRECISION)).value;
    return (cents * p) / (100n * 10n ** BigInt(PRECISION));
  });
  let remainder = cents - shares.reduce((sum, share) => sum + share, 0n);
  for (let i = 0; remainder > 0n && shares.length > 0; i = (i + 1) % shares.length) {
    shares[i] = (shares[i] ?? 0n) + 1n;
    remainder -= 1n;
  }
  return shares.map((share) => toFixed({ value: share, scale: 2 }, 2));
}
