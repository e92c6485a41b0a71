import { describe, expect, it } from 'vitest';
import { centsToMoney, hundredthsToPercent, toScaled } from './money.ts';

describe('money in cents', () => {
  it('reads decimal strings exactly and refuses more digits than allowed', () => {
    expect(toScaled('1000', 2)).toBe(100_000n);
    expect(toScaled('12.5', 2)).toBe(1250n);
    expect(toScaled('0.10', 2)).toBe(10n);
    expect(toScaled('1.500', 2)).toBe(150n);
    expect(toScaled('1.005', 2)).toBeNull();
    expect(toScaled('-1', 2)).toBeNull();
    expect(toScaled('1e3', 2)).toBeNull();
    expect(centsToMoney(60_000n)).toBe('600.00');
    expect(centsToMoney(5n)).toBe('0.05');
    expect(hundredthsToPercent(9900n)).toBe('99');
    expect(hundredthsToPercent(1250n)).toBe('12.5');
    expect(hundredthsToPercent(10_000n)).toBe('100');
    expect(hundredthsToPercent(5n)).toBe('0.05');
  });
});
