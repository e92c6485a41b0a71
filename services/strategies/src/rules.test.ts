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

// The split rule and its minimum are tested once, in packages/money/src/split.test.ts; these check
// that the service reads them in minor units and keeps each part with its asset.
describe('splitting an investment into orders', () => {
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

  it('answers the smallest investment in minor units', () => {
    const rules = { minimumInvestmentMinor: 5000, minimumOrderValueMinor: 5000 };
    const allocations = [
      { assetId: 'A', percentage: 70 },
      { assetId: 'B', percentage: 30 },
    ];
    expect(minimumInvestmentFor(allocations, rules)).toBe(16_666);
    expect(minimumInvestmentFor([{ assetId: 'A', percentage: 100 }], rules)).toBe(5000);
  });
});
