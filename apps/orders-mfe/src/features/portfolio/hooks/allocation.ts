import { addDecimals, compareDecimals } from '@simplebank/ui';
import type { ValuedHolding } from './useValuedHoldings.ts';

/** The slices' colours, in order: the chart's slices and the table's swatches. */
export const SLICE_COLOURS = [
  '#1f6feb',
  '#2da44e',
  '#bf8700',
  '#cf222e',
  '#8250df',
  '#1b7c83',
  '#e16f24',
  '#6e7781',
];

export interface AllocationSlice {
  assetId: string;
  symbol: string;
  name: string;
  /** The asset's value over every account, exact. */
  value: string;
  /** Its share of the total in percent, two decimals (display only, see `sharePercent`). */
  percent: string;
}

export interface Allocation {
  slices: AllocationSlice[];
  total: string;
  /** Currencies of holdings left out: a sum across currencies would mean nothing. */
  otherCurrencies: string[];
}

/**
 * `part` of `total` in percent, two decimals. A ratio for reading only, so binary floating point is
 * fine here; the values it is made of stay exact decimal strings.
 */
export function sharePercent(part: string, total: string): string {
  const whole = Number(total);
  return whole === 0 ? '0.00' : ((Number(part) / whole) * 100).toFixed(2);
}

/** The valued holdings in `currency` by asset (an asset held in two accounts is one slice), largest first. */
export function allocationByAsset(holdings: ValuedHolding[], currency: string): Allocation {
  const byAsset = new Map<string, { holding: ValuedHolding; values: string[] }>();
  const otherCurrencies = new Set<string>();
  for (const holding of holdings) {
    if (holding.value === null) continue;
    if (holding.currency !== currency) {
      otherCurrencies.add(holding.currency);
      continue;
    }
    const entry = byAsset.get(holding.assetId) ?? { holding, values: [] };
    entry.values.push(holding.value);
    byAsset.set(holding.assetId, entry);
  }
  const totals = [...byAsset.entries()].map(([assetId, { holding, values }]) => ({
    assetId,
    symbol: holding.asset?.symbol ?? assetId,
    name: holding.asset?.name ?? assetId,
    value: addDecimals(...values),
  }));
  const total = addDecimals(...totals.map((slice) => slice.value));
  return {
    slices: totals
      .filter((slice) => compareDecimals(slice.value, '0') > 0)
      .sort((a, b) => compareDecimals(b.value, a.value))
      .map((slice) => ({ ...slice, percent: sharePercent(slice.value, total) })),
    total,
    otherCurrencies: [...otherCurrencies].sort(),
  };
}
