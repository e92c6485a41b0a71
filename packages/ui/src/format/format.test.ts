import { describe, expect, it } from 'vitest';
import { addDecimals, compareDecimals, multiplyDecimals, subtractDecimals } from './arithmetic.ts';
import { formatDate, formatDateTime, formatTime } from './date.ts';
import { isDecimalString, parseDecimal, roundDecimal } from './decimal.ts';
import { formatMoney, formatPercent, formatQuantity } from './number.ts';

describe('formatMoney', () => {
  it('pads to the currency minor unit and groups thousands', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('0', 'USD')).toBe('$0.00');
    expect(formatMoney('1500', 'JPY')).toBe('¥1,500');
  });

  it('keeps digits a float would lose', () => {
    // 9007199254740993 is 2^53 + 1: as a number it becomes ...992.
    expect(formatMoney('9007199254740993.01', 'USD')).toBe('$9,007,199,254,740,993.01');
    expect(formatMoney('0.1', 'USD')).toBe('$0.10');
  });

  it('rounds half away from zero on the string', () => {
    expect(formatMoney('2.675', 'USD')).toBe('$2.68'); // (2.675).toFixed(2) is "2.67"
    expect(formatMoney('-2.675', 'USD')).toBe('-$2.68');
    expect(formatMoney('9.995', 'USD')).toBe('$10.00');
  });

  it('keeps the sign of amounts under one unit and never prints minus zero', () => {
    expect(formatMoney('-0.5', 'USD')).toBe('-$0.50');
    expect(formatMoney('-0.001', 'USD')).toBe('$0.00');
    expect(formatMoney('0.5', 'USD', { signDisplay: 'exceptZero' })).toBe('+$0.50');
    expect(formatMoney('12', 'USD', { signDisplay: 'exceptZero' })).toBe('+$12.00');
    expect(formatMoney('0', 'USD', { signDisplay: 'exceptZero' })).toBe('$0.00');
  });

  it('shows extra price digits only when asked and present', () => {
    expect(formatMoney('1.23456', 'USD', { maxFractionDigits: 4 })).toBe('$1.2346');
    expect(formatMoney('187.3', 'USD', { maxFractionDigits: 4 })).toBe('$187.30');
    expect(formatMoney('24.6810', 'USD', { maxFractionDigits: 4 })).toBe('$24.6810');
    expect(formatMoney('24.6810', 'USD')).toBe('$24.68');
  });

  it('follows the locale', () => {
    expect(formatMoney('-1234.5', 'EUR', { locale: 'de-DE' }).replace(/\s/g, ' ')).toBe('-1.234,50 €');
    expect(formatMoney('1234.56', 'EGP', { locale: 'ar-EG' })).toMatch(/١٬٢٣٤٫٥٦/);
  });

  it('refuses what is not a decimal string', () => {
    expect(() => formatMoney('1e3', 'USD')).toThrow(TypeError);
    expect(() => formatMoney('12,50', 'USD')).toThrow(TypeError);
    expect(() => formatMoney('', 'USD')).toThrow(TypeError);
  });
});

describe('formatQuantity and formatPercent', () => {
  it('shows every significant digit of a quantity', () => {
    expect(formatQuantity('1500.250')).toBe('1,500.25');
    expect(formatQuantity('10')).toBe('10');
    expect(formatQuantity('0.00012345')).toBe('0.00012345');
  });

  it('treats the value as a percentage already', () => {
    expect(formatPercent('20')).toBe('20%');
    expect(formatPercent('33.335')).toBe('33.34%');
    expect(formatPercent('-1.5', { signDisplay: 'exceptZero' })).toBe('-1.5%');
  });
});

describe('decimal helpers', () => {
  it('parses and rounds', () => {
    expect(isDecimalString(' 12.5 ')).toBe(true);
    expect(isDecimalString('NaN')).toBe(false);
    expect(parseDecimal('-007.50')).toEqual({ negative: true, integer: '7', fraction: '50' });
    expect(roundDecimal(parseDecimal('0.995'), 2)).toEqual({ negative: false, integer: '1', fraction: '00' });
    expect(roundDecimal(parseDecimal('12.344'), 0)).toEqual({ negative: false, integer: '12', fraction: '' });
  });

  it('computes exactly', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals()).toBe('0');
    expect(multiplyDecimals('3', '19.99')).toBe('59.97');
    expect(multiplyDecimals('-0.5', '0.5')).toBe('-0.25');
    expect(subtractDecimals('10', '0.01')).toBe('9.99');
    expect(compareDecimals('1.10', '1.1')).toBe(0);
    expect(compareDecimals('-2', '1')).toBe(-1);
    expect(compareDecimals('100.01', '100')).toBe(1);
  });
});

describe('dates', () => {
  const iso = '2026-11-26T09:28:03Z';
  // ICU versions differ on the space before AM/PM (narrow no-break or plain).
  const plain = (text: string) => text.replace(/\s/g, ' ');
  it('formats in the given zone', () => {
    expect(plain(formatDateTime(iso, { timeZone: 'UTC' }))).toBe('Nov 26, 2026, 9:28 AM');
    expect(formatDate(iso, { timeZone: 'UTC' })).toBe('Nov 26, 2026');
    expect(plain(formatTime(iso, { timeZone: 'Asia/Tokyo' }))).toBe('6:28:03 PM');
  });

  it('refuses a broken date instead of printing "Invalid Date"', () => {
    expect(() => formatDateTime('yesterday')).toThrow(TypeError);
  });
});
