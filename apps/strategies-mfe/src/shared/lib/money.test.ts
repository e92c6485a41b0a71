import { describe, expect, it } from 'vitest';
import { centsToMoney, feeCents, hundredthsToPercent, splitCents, toScaled } from './money.ts';

describe('money in cents', () => {
  it('reads decimal strings exactly and refuses more digits than allowed', () => {
    expect(toScaled('1000', 2)).toBe(100_000n);
    expect(toScaled('12.5', 2)).toBe(1250n);
    expect(toScaled('0.10', 2)).toBe(10n);
    expect(toScaled('1.005', 2)).toBeNull();
    expect(toScaled('-1', 2)).toBeNull();
    expect(toScaled('1e3', 2)).toBeNull();
    expect(centsToMoney(60_000n)).toBe('600.00');
    expect(centsToMoney(5n)).toBe('0.05');
    expect(hundredthsToPercent(9900n)).toBe('99');
    expect(hundredthsToPercent(1250n)).toBe('12.5');
  });

  it('splits an amount by percentages so the parts add up to the cent', () => {
    expect(splitCents(100_000n, ['60', '40'])).toEqual([60_000n, 40_000n]);
    // 100.00 in thirds: 33.33 each and the cent left over to the first (ties go to the earlier one).
    expect(splitCents(10_000n, ['33.34', '33.33', '33.33'])).toEqual([3334n, 3333n, 3333n]);
    const parts = splitCents(100_001n, ['12.5', '12.5', '75']);
    expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(100_001n);
    // 12500.125, 12500.125, 75000.75: the left-over cent goes to the largest remainder.
    expect(parts).toEqual([12_500n, 12_500n, 75_001n]);
  });

  it('charges 0.1% rounded half up, at least the minimum', () => {
    const schedule = { ratePercent: '0.1', minimum: '1.00' };
    expect(feeCents(60_000n, schedule)).toBe(100n);
    expect(feeCents(250_000n, schedule)).toBe(250n);
    expect(feeCents(250_500n, schedule)).toBe(251n); // 2.505 rounds half up
    expect(feeCents(250_499n, schedule)).toBe(250n);
  });
});
