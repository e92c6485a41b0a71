import { describe, expect, it } from 'vitest';
import { dayWithPrice } from './trading-day.ts';

const day = { date: '2026-11-30', open: '100.00', high: '101.50', low: '99.00' };

describe('dayWithPrice', () => {
  it('opens the first day at the price', () => {
    expect(dayWithPrice(null, '100.00', '2026-11-30T09:00:00Z')).toEqual({
      date: '2026-11-30',
      open: '100.00',
      high: '100.00',
      low: '100.00',
    });
  });

  it('moves the high and the low with a price of the same UTC day, never the open', () => {
    expect(dayWithPrice(day, '102.25', '2026-11-30T15:00:00Z')).toEqual({ ...day, high: '102.25' });
    expect(dayWithPrice(day, '98.5', '2026-11-30T15:00:00Z')).toEqual({ ...day, low: '98.5' });
    expect(dayWithPrice(day, '100.10', '2026-11-30T15:00:00Z')).toEqual(day);
  });

  it('opens a new day with a price of a later UTC day, and ignores one of an earlier day', () => {
    expect(dayWithPrice(day, '97.00', '2026-12-01T00:00:01Z')).toEqual({
      date: '2026-12-01',
      open: '97.00',
      high: '97.00',
      low: '97.00',
    });
    expect(dayWithPrice(day, '50.00', '2026-11-29T23:59:59Z')).toBe(day);
  });

  it('dates a price by UTC, whatever offset its time is written with', () => {
    expect(dayWithPrice(day, '97.00', '2026-12-01T00:30:00+01:00').date).toBe('2026-11-30');
  });
});
