// Money, quantities and percentages as people read them, from decimal strings, exactly.
import { formatParts, parseDecimal, roundDecimal, trimFraction } from './decimal.ts';

/** The product's copy is English; one locale keeps numbers consistent with the words around them. */
export const DEFAULT_LOCALE = 'en-US';

type SignDisplay = 'auto' | 'always' | 'exceptZero' | 'never';

export interface MoneyFormatOptions {
  locale?: string;
  /** 'exceptZero' for profit and loss (+$12.00 / -$3.50). */
  signDisplay?: SignDisplay;
  /**
   * Show more digits than the currency's minor unit when the value has them, up to this many
   * (prices of FX pairs or funds often carry 4). Never fewer than the currency's own digits.
   */
  maxFractionDigits?: number;
}

const currencyDigitsCache = new Map<string, number>();

/** The number of minor-unit digits of a currency: 2 for USD/EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  let digits = currencyDigitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat(DEFAULT_LOCALE, { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    currencyDigitsCache.set(currency, digits);
  }
  return digits;
}

/** formatMoney('1234.5', 'USD') → "$1,234.50". The amount is a decimal string, never a float. */
export function formatMoney(amount: string, currency: string, options: MoneyFormatOptions = {}): string {
  const parts = parseDecimal(amount);
  const minimum = currencyDigits(currency);
  // The digits as written: a price sent as "24.6810" keeps its 4 digits so a column of prices
  // from the same source lines up.
  const wanted = parts.fraction.length;
  const digits = Math.max(minimum, Math.min(wanted, options.maxFractionDigits ?? minimum));
  const format = new Intl.NumberFormat(options.locale ?? DEFAULT_LOCALE, {
    style: 'currency',
    currency,
    signDisplay: options.signDisplay ?? 'auto',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return formatParts(format, roundDecimal(parts, digits));
}

export interface QuantityFormatOptions {
  locale?: string;
  /** Quantities are shown with every significant digit up to this many (fractional shares, crypto). */
  maxFractionDigits?: number;
}

/** formatQuantity('1500.250') → "1,500.25"; never rounds away a fraction a customer holds. */
export function formatQuantity(quantity: string, options: QuantityFormatOptions = {}): string {
  const maxDigits = options.maxFractionDigits ?? 8;
  const parts = trimFraction(roundDecimal(parseDecimal(quantity), maxDigits));
  const digits = parts.fraction.length;
  const format = new Intl.NumberFormat(options.locale ?? DEFAULT_LOCALE, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return formatParts(format, parts);
}

export interface PercentFormatOptions {
  locale?: string;
  maxFractionDigits?: number;
  signDisplay?: SignDisplay;
}

/**
 * formatPercent('20') → "20%": the value is already a percentage (allocations are stored as
 * "20.5", not "0.205"), so it uses the 'percent' unit, which does not multiply by 100.
 */
export function formatPercent(value: string, options: PercentFormatOptions = {}): string {
  const parts = trimFraction(roundDecimal(parseDecimal(value), options.maxFractionDigits ?? 2));
  const digits = parts.fraction.length;
  const format = new Intl.NumberFormat(options.locale ?? DEFAULT_LOCALE, {
    style: 'unit',
    unit: 'percent',
    signDisplay: options.signDisplay ?? 'auto',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return formatParts(format, parts);
}
