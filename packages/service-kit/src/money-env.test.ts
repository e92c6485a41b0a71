import { describe, expect, it } from 'vitest';
import { minorUnitsFromEnv } from './money-env.ts';

describe('minorUnitsFromEnv', () => {
  it('reads whole and decimal amounts as minor units', () => {
    expect(minorUnitsFromEnv('X', '50')).toBe(5000);
    expect(minorUnitsFromEnv('X', '50.00')).toBe(5000);
    expect(minorUnitsFromEnv('X', '0.5')).toBe(50);
    expect(minorUnitsFromEnv('X', '12.34')).toBe(1234);
    expect(minorUnitsFromEnv('X', '0')).toBe(0);
  });

  it('is undefined when the variable is not set', () => {
    expect(minorUnitsFromEnv('X', undefined)).toBeUndefined();
    expect(minorUnitsFromEnv('X', '')).toBeUndefined();
  });

  it('refuses malformed amounts, naming the variable', () => {
    for (const bad of ['-1', '1.234', 'fifty', '1e3', '1,00'])
      expect(() => minorUnitsFromEnv('ORDERS_MIN_ORDER_VALUE', bad)).toThrow(/ORDERS_MIN_ORDER_VALUE/);
  });
});
