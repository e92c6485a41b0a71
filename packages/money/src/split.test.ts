import { describe, expect, it } from 'vitest';
import { add, compare, minimumSplitAmount, splitByPercentages } from './index.ts';

describe('strategy split rule', () => {
  it('places 1,000 with 20% ABC as a 200 ABC order', () => {
    expect(splitByPercentages('1000', ['20', '80'])).toEqual(['200.00', '800.00']);
    expect(splitByPercentages('1000', ['60', '40'])).toEqual(['600.00', '400.00']);
  });

  it('gives the cents left over to the largest remainders, ties to the earlier allocation', () => {
    expect(splitByPercentages('1.00', ['33.33', '33.33', '33.34'])).toEqual(['0.33', '0.33', '0.34']);
    expect(splitByPercentages('100', ['33.33', '33.33', '33.34'])).toEqual(['33.33', '33.33', '33.34']);
    // 100.00 in thirds: 33.33 each and the cent left over to the first (ties go to the earlier one).
    expect(splitByPercentages('100', ['33.34', '33.33', '33.33'])).toEqual(['33.34', '33.33', '33.33']);
    expect(splitByPercentages('10.01', ['50', '50'])).toEqual(['5.01', '5.00']);
    // 12500.125, 12500.125, 75000.75 cents: the left-over cent goes to the largest remainder.
    expect(splitByPercentages('1000.01', ['12.5', '12.5', '75'])).toEqual(['125.00', '125.00', '750.01']);
    // 333.33, 333.33, 333.34 cents: the lost cent goes to the third, whose remainder is largest.
    expect(splitByPercentages('10', ['33.333', '33.333', '33.334'])).toEqual(['3.33', '3.33', '3.34']);
  });

  it('always gives parts that add up to the amount', () => {
    for (const amount of ['0.01', '0.07', '999.99', '1234.57']) {
      expect(compare(add(...splitByPercentages(amount, ['12.5', '37.5', '50'])), amount)).toBe(0);
      expect(compare(add(...splitByPercentages(amount, ['12.5', '12.5', '40', '35'])), amount)).toBe(0);
    }
    // 15 integer digits: no precision lost where a float would.
    expect(splitByPercentages('999999999999999.99', ['50', '50'])).toEqual([
      '500000000000000.00',
      '499999999999999.99',
    ]);
  });

  it('refuses what is not a decimal string', () => {
    expect(() => splitByPercentages('1e3', ['100'])).toThrow(TypeError);
    expect(() => splitByPercentages('10', ['abc'])).toThrow(TypeError);
  });
});

describe('smallest amount a split accepts', () => {
  const minimums = { minimumInvestment: '50.00', minimumOrderValue: '50.00' };

  it('is the minimum investment for a single asset', () => {
    expect(minimumSplitAmount(['100'], minimums)).toBe('50.00');
  });

  it('is the smallest amount whose every order reaches the minimum order value', () => {
    const percentages = ['70', '30'];
    const minimum = minimumSplitAmount(percentages, minimums);
    expect(minimum).toBe('166.66');
    const smallestPart = (amount: string) =>
      splitByPercentages(amount, percentages).sort((a, b) => compare(a, b))[0]!;
    expect(compare(smallestPart('166.66'), '50.00')).toBeGreaterThanOrEqual(0);
    expect(compare(smallestPart('166.65'), '50.00')).toBeLessThan(0);
  });

  it('never lets an order be empty, even without a minimum order value', () => {
    expect(minimumSplitAmount(['99', '1'], { minimumInvestment: '0', minimumOrderValue: '0' })).toBe('0.51');
  });
});
