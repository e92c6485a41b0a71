import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/api/assets.ts';
import type { Portfolio } from '../../../shared/api/portfolio.ts';
import { valueHoldings } from './useValuedHoldings.ts';

const portfolio = (available: boolean): Portfolio => ({
  customerId: 'c-1',
  accounts: [
    {
      id: 'a-1',
      customerId: 'c-1',
      name: 'Main',
      currency: 'USD',
      cash: { available: '10.00', reserved: '0.00' },
    },
  ],
  holdings: [
    {
      accountId: 'a-1',
      assetId: 'x',
      quantity: '3',
      reservedQuantity: '0',
      price: available ? '0.10' : null,
      value: available ? '0.30' : null,
      costBasis: '0.45',
      unrealizedPnl: available ? '-0.15' : null,
    },
    {
      accountId: 'a-1',
      assetId: 'y',
      quantity: '0.5',
      reservedQuantity: '0',
      price: available ? '2' : null,
      value: available ? '1.00' : null,
      costBasis: '0.80',
      unrealizedPnl: available ? '0.20' : null,
    },
  ],
  openOrders: [],
  valuation: {
    available,
    stale: false,
    totalValue: available ? '1.30' : null,
    totalCostBasis: '1.25',
    totalUnrealizedPnl: available ? '0.05' : null,
    asOf: null,
  },
});

const asset = (id: string, price: string | null): Asset => ({
  id,
  symbol: id.toUpperCase(),
  name: id,
  type: 'share',
  currency: 'USD',
  price,
  priceTime: null,
  day: null,
});

describe('valueHoldings', () => {
  it('values at the live price exactly', () => {
    const live = new Map([['x', asset('x', '0.20')]]);
    const result = valueHoldings(portfolio(true), live);
    expect(result.holdings.map((h) => h.value)).toEqual(['0.60', '1.0']);
    expect(result.total).toBe('1.60');
    // profit and loss at the live price, exactly: 0.60 − 0.45, 1.0 − 0.80
    expect(result.holdings.map((h) => h.unrealizedPnl)).toEqual(['0.15', '0.20']);
    expect(result.totalCostBasis).toBe('1.25');
    expect(result.totalPnl).toBe('0.35');
  });

  it('shows no value at all when valuations are unavailable, even with a cached price', () => {
    const result = valueHoldings(portfolio(false), new Map([['x', asset('x', '0.20')]]));
    expect(result.holdings.map((h) => h.value)).toEqual([null, null]);
    expect(result.total).toBeNull();
    expect(result.holdings.map((h) => h.unrealizedPnl)).toEqual([null, null]);
    expect(result.totalCostBasis).toBe('1.25');
    expect(result.totalPnl).toBeNull();
  });
});
