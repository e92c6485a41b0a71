import { describe, expect, it } from 'vitest';
import { estimateFee, toCents } from './fees.ts';

const schedule = { ratePercent: '0.1', minimum: '1.00' };

describe('estimateFee', () => {
  it('charges the rate on the order value, rounded half up to cents', () => {
    expect(estimateFee('2000.00', schedule)).toBe('2.00');
    expect(estimateFee('18743.50', schedule)).toBe('18.74');
    expect(estimateFee('1005.00', schedule)).toBe('1.01'); // 1.005 rounds half up
  });

  it('never charges less than the minimum', () => {
    expect(estimateFee('0.01', schedule)).toBe('1.00');
    expect(estimateFee('500', { ratePercent: '0', minimum: '1.5' })).toBe('1.50');
  });

  it('rounds to cents half away from zero', () => {
    expect(toCents('2.345')).toBe('2.35');
    expect(toCents('2')).toBe('2.00');
  });
});
