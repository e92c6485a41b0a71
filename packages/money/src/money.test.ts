import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  divide,
  feeFor,
  feeForMinor,
  limitPriceProblem,
  minorToMoney,
  moneyToMinor,
  multiply,
  round,
  subtract,
} from './index.ts';

describe('decimal arithmetic', () => {
  it('adds, subtracts and multiplies exactly, keeping the scale written', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(add('0.10', '0.20')).toBe('0.30');
    expect(add()).toBe('0');
    expect(subtract('10', '0.01')).toBe('9.99');
    expect(subtract('1', '2.5')).toBe('-1.5');
    expect(multiply('3', '19.99')).toBe('59.97');
    // 15 integer digits times 8 fraction digits: no precision lost, no exponent.
    expect(multiply('999999999999999', '0.00000001')).toBe('9999999.99999999');
    expect(multiply('999999999999999.99999999', '999999999999999.99999999')).toBe(
      '999999999999999999999980000000.0000000000000001',
    );
  });

  it('compares by value, not by spelling', () => {
    expect(compare('1.10', '1.1')).toBe(0);
    expect(compare('2', '10')).toBe(-1);
    expect(compare('-1', '-2')).toBe(1);
  });

  it('rounds half away from zero unless told otherwise', () => {
    expect(round('1.005', 2)).toBe('1.01');
    expect(round('-1.005', 2)).toBe('-1.01');
    expect(round('1.001', 2, 'up')).toBe('1.01');
    expect(round('1.009', 2, 'down')).toBe('1.00');
    expect(divide('1', '3', 4)).toBe('0.3333');
    expect(() => divide('1', '0', 2)).toThrow(RangeError);
  });

  it('converts between money strings and minor units', () => {
    expect(minorToMoney(123450)).toBe('1234.50');
    expect(minorToMoney(-5)).toBe('-0.05');
    expect(moneyToMinor('1234.5')).toBe(123450);
    expect(moneyToMinor('0.001', 'up')).toBe(1);
  });

  it('refuses what is not a decimal string', () => {
    expect(() => add('1e3')).toThrow(TypeError);
    expect(() => multiply('abc', '1')).toThrow(TypeError);
  });
});

describe('fee rule', () => {
  it('charges 0.1% rounded half up to the cent, at least 1.00', () => {
    expect(feeFor('100')).toBe('1.00');
    expect(feeFor('999.99')).toBe('1.00');
    expect(feeFor('1005')).toBe('1.01');
    expect(feeFor('1004.99')).toBe('1.00');
    expect(feeFor('20000')).toBe('20.00');
    expect(feeFor('2500', { ratePercent: '0.25', minimum: '2' })).toBe('6.25');
  });

  it('answers in minor units for the services', () => {
    expect(feeForMinor(100500)).toBe(101);
    expect(feeForMinor(5000)).toBe(100);
  });
});

describe('limit-price rule', () => {
  it('wants a positive limit price on a limit order and none on a market order', () => {
    expect(limitPriceProblem('limit', '10.5')).toBeNull();
    expect(limitPriceProblem('market', undefined)).toBeNull();
    expect(limitPriceProblem('limit', undefined)?.code).toBe('LIMIT_PRICE_REQUIRED');
    expect(limitPriceProblem('market', '10')?.code).toBe('LIMIT_PRICE_NOT_ALLOWED');
    expect(limitPriceProblem('limit', '0')?.code).toBe('LIMIT_PRICE_NOT_POSITIVE');
    expect(limitPriceProblem('limit', '-1')?.code).toBe('LIMIT_PRICE_NOT_POSITIVE');
  });
});
