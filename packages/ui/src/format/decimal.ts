// Decimal strings are how money and quantities travel through SimpleBank ("1234.50"), because a
// binary float cannot hold most cents exactly. This module parses, rounds and formats them without
// ever converting the value to a JavaScript number.

export interface DecimalParts {
  negative: boolean;
  /** Integer digits without leading zeros ("0" for zero). */
  integer: string;
  /** Fraction digits, as written (may be empty). */
  fraction: string;
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** True when `value` is a plain decimal string such as "12", "-0.5" or "1234.5678". */
export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value.trim());
}

/** Splits a decimal string; throws on anything else (exponents, commas, NaN) so bad data shows up. */
export function parseDecimal(value: string): DecimalParts {
  const match = DECIMAL_PATTERN.exec(value.trim());
  if (!match) throw new TypeError(`Not a decimal string: ${JSON.stringify(value)}`);
  const integer = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  return { negative: match[1] === '-', integer, fraction: match[3] ?? '' };
}

function isZero(parts: DecimalParts): boolean {
  return /^0*$/.test(parts.integer) && /^0*$/.test(parts.fraction);
}

/**
 * Rounds to `digits` fraction digits, half away from zero (what people and most banks expect
 * on a statement), and pads with zeros so the result has exactly `digits` fraction digits.
 */
export function roundDecimal(parts: DecimalParts, digits: number): DecimalParts {
  if (parts.fraction.length <= digits) {
    return { ...parts, fraction: parts.fraction.padEnd(digits, '0') };
  }
  const kept = parts.integer + parts.fraction.slice(0, digits);
  const roundUp = (parts.fraction[digits] ?? '0') >= '5';
  const scaled = (BigInt(kept) + (roundUp ? 1n : 0n)).toString().padStart(digits + 1, '0');
  const integer = digits === 0 ? scaled : scaled.slice(0, -digits);
  const fraction = digits === 0 ? '' : scaled.slice(-digits);
  const rounded = { negative: parts.negative, integer: integer.replace(/^0+(?=\d)/, ''), fraction };
  // "-0.001" rounded to cents is zero and must not print as "-$0.00".
  return isZero(rounded) ? { ...rounded, negative: false } : rounded;
}

/** Drops trailing fraction zeros: "5.2500" → "5.25", "5.0" → "5". */
export function trimFraction(parts: DecimalParts): DecimalParts {
  return { ...parts, fraction: parts.fraction.replace(/0+$/, '') };
}

/**
 * Formats already-rounded parts with `format`'s locale, style and sign rules. The integer part is
 * formatted from a BigInt (exact in every engine) and the fraction digits are put in verbatim, so
 * no precision is lost whatever the engine does with number or string input.
 * `format` must be set up with minimumFractionDigits === maximumFractionDigits === fraction.length.
 */
export function formatParts(format: Intl.NumberFormat, parts: DecimalParts): string {
  const integer = BigInt(parts.integer);
  // A BigInt has no negative zero, so "-0.50" would lose its sign (and "+0.50" with
  // signDisplay 'exceptZero' its plus): format ±1 instead and put the zero back.
  const signedZero = integer === 0n && !isZero(parts);
  const sample = signedZero ? (parts.negative ? -1n : 1n) : parts.negative ? -integer : integer;
  return format
    .formatToParts(sample)
    .map((part) => {
      if (part.type === 'integer' && signedZero) return '0';
      if (part.type === 'fraction') return localDigits(format, parts.fraction);
      return part.value;
    })
    .join('');
}

const digitMaps = new Map<string, string[]>();

/** Writes ASCII digits in the format's numbering system (Arabic-Indic digits for ar-EG, ...). */
function localDigits(format: Intl.NumberFormat, digits: string): string {
  const { locale, numberingSystem } = format.resolvedOptions();
  const key = `${locale}|${numberingSystem}`;
  let map = digitMaps.get(key);
  if (!map) {
    const single = new Intl.NumberFormat(locale, { numberingSystem, useGrouping: false });
    map = Array.from({ length: 10 }, (_, digit) => single.format(digit));
    digitMaps.set(key, map);
  }
  const table = map;
  return digits.replace(/\d/g, (digit) => table[Number(digit)] ?? digit);
}
