import { describe, expect, it } from 'vitest';
import { add, compare, divide, movePrice, multiply, subtract } from './decimal.ts';

describe('mock decimal arithmetic', () => {
  it('multiplies and rounds half away from zero', () => {
    expect(multiply('120.5', '24.6810')).toBe('2974.06'); // 2974.0605
    expect(multiply('3', '0.335')).toBe('1.01'); // 1.005
    expect(multiply('-3', '0.335')).toBe('-1.01');
    expect(multiply('10', '98.62', 0)).toBe('986');
  });

  it('adds, subtracts and compares', () => {
    expect(add(['0.1', '0.2'])).toBe('0.30');
    expect(add([])).toBe('0.00');
    expect(subtract('12480.35', '642.5')).toBe('11837.85');
    expect(compare('10.00', '10')).toBe(0);
    expect(compare('9.99', '10')).toBe(-1);
  });

  it('moves a price in basis points and keeps its precision', () => {
    expect(movePrice('187.42', 50)).toBe('188.36'); // +0.5%
    expect(movePrice('1.0842', -25)).toBe('1.0815');
  });
});

describe('investment arithmetic', () => {
  it('divides exactly to 8 digits', () => {
    expect(divide('200', '187.42')).toBe('1.06712197');
    expect(divide('1', '3', 2)).toBe('0.33');
    expect(divide('2', '3', 2)).toBe('0.67');
  });
});
