import { describe, expect, it } from 'vitest';
import { checkStrategy, minimumInvestmentFor, splitAmount } from './rules.ts';

describe('strategy rules', () => {
  const ok = {
    name: 'Growth',
    allocations: [
      { assetId: 'A', percentage: 33.33 },
      { assetId: 'B', percentage: 33.33 },
      { assetId: 'C', percentage: 33.34 },
    ],
  };
  it('accepts percentages that sum to exactly 100 (decimal, not float, arithmetic)', () => {
    expect(() => checkStrategy(ok)).not.toThrow();
  });
  it.each([
    [{ ...ok, name: '  ' }, 'NAME_REQUIRED'],
    [{ ...ok, allocations: [] }, 'NO_ALLOCATIONS'],
    [
      {
        ...ok,
        allocations: [
          { assetId: 'A', percentage: 50 },
          { assetId: 'A', percentage: 50 },
        ],
      },
      'DUPLICATE_ASSET',
    ],
    [
      {
        ...ok,
        allocations: [
          { assetId: 'A', percentage: 100 },
          { assetId: 'B', percentage: 0 },
        ],
      },
      'PERCENTAGE_NOT_POSITIVE',
    ],
    [
      {
        ...ok,
        allocations: [
          { assetId: 'A', percentage: 60 },
          { assetId: 'B', percentage: 39.99 },
        ],
      },
      'PERCENTAGES_NOT_100',
    ],
  ])('refuses %j with %s', (input, code) => {
    expect(() => checkStrategy(input)).toThrow(expect.objectContaining({ code, statusCode: 422 }));
  });
});

describe('splitting an amount over allocations', () => {
  it('places $1,000 with 20% ABC as a $200 ABC order', () => {
    expect(
      splitAmount(100_000, [
        { assetId: 'ABC', percentage: 20 },
        { assetId: 'XYZ', percentage: 80 },
      ]),
    ).toEqual([
      { assetId: 'ABC', amountMinor: 20_000 },
      { assetId: 'XYZ', amountMinor: 80_000 },
    ]);
  });
  it('gives the rounding remainder deterministically so the parts add up', () => {
    const parts = splitAmount(100, [
      { assetId: 'A', percentage: 33.33 },
      { assetId: 'B', percentage: 33.33 },
      { assetId: 'C', percentage: 33.34 },
    ]);
    expect(parts.map((p) => p.amountMinor)).toEqual([33, 33, 34]);
    const odd = splitAmount(1001, [
      { assetId: 'A', percentage: 50 },
      { assetId: 'B', percentage: 50 },
    ]);
    expect(odd).toEqual([
      { assetId: 'A', amountMinor: 501 },
      { assetId: 'B', amountMinor: 500 },
    ]);
    for (const amount of [1, 7, 99_999, 123_457]) {
      expect(
        splitAmount(amount, [
          { assetId: 'A', percentage: 12.5 },
          { assetId: 'B', percentage: 37.5 },
          { assetId: 'C', percentage: 50 },
        ]).reduce((s, p) => s + p.amountMinor, 0),
      ).toBe(amount);
    }
  });
});

describe('minimumInvestmentFor', () => {
  const rules = { minimumInvestmentMinor: 5000, minimumOrderValueMinor: 5000 };
  it('is the minimum investment for a single asset', () => {
    expect(minimumInvestmentFor([{ assetId: 'A', percentage: 100 }], rules)).toBe(5000);
  });
  it('is the smallest amount whose every order reaches the minimum order value', () => {
    const allocations = [
      { assetId: 'A', percentage: 70 },
      { assetId: 'B', percentage: 30 },
    ];
    const minimum = minimumInvestmentFor(allocations, rules);
    expect(minimum).toBe(16_666);
    expect(Math.min(...splitAmount(minimum, allocations).map((p) => p.amountMinor))).toBeGreaterThanOrEqual(
      5000,
    );
    expect(Math.min(...splitAmount(minimum - 1, allocations).map((p) => p.amountMinor))).toBeLessThan(5000);
  });
  it('never lets an order be empty, even without a minimum order value', () => {
    expect(
      minimumInvestmentFor(
        [
          { assetId: 'A', percentage: 99 },
          { assetId: 'B', percentage: 1 },
        ],
        { minimumInvestmentMinor: 0, minimumOrderValueMinor: 0 },
      ),
    ).toBe(51);
  });
});
