import { describe, expect, it } from 'vitest';
import type { ValuedHolding } from './useValuedHoldings.ts';
import { allocationByAsset, sharePercent } from './allocation.ts';

const holding = (assetId: string, value: string | null, currency = 'USD'): ValuedHolding =>
  ({
    accountId: 'acc-1',
    assetId,
    value,
    currency,
    asset: { id: assetId, symbol: assetId.toUpperCase(), name: `${assetId} Inc` },
  }) as ValuedHolding;

describe('allocationByAsset', () => {
  it('adds an asset held in two accounts, sorts by value and gives each its share', () => {
    const allocation = allocationByAsset(
      [
        holding('abc', '300.10'),
        holding('xyz', '500.00'),
        holding('abc', '199.90'),
        holding('eur', '80', 'EUR'),
      ],
      'USD',
    );
    expect(allocation.total).toBe('1000.00');
    expect(allocation.slices).toEqual([
      { assetId: 'abc', symbol: 'ABC', name: 'abc Inc', value: '500.00', percent: '50.00' },
      { assetId: 'xyz', symbol: 'XYZ', name: 'xyz Inc', value: '500.00', percent: '50.00' },
    ]);
    expect(allocation.otherCurrencies).toEqual(['EUR']);
  });

  it('leaves out holdings without a value and is empty without any', () => {
    expect(allocationByAsset([holding('abc', null)], 'USD')).toEqual({
      slices: [],
      total: '0',
      otherCurrencies: [],
    });
  });

  it('rounds shares to two decimals', () => {
    expect(sharePercent('1', '3')).toBe('33.33');
    expect(sharePercent('0', '0')).toBe('0.00');
  });
});
