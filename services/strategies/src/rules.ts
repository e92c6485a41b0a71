import Decimal from 'decimal.js';
import { minimumSplitAmount, minorToMoney, moneyToMinor, splitByPercentages } from '@simplebank/money';
import { unprocessable } from '@simplebank/service-kit';

export interface AllocationInput {
  assetId: string;
  percentage: number;
}

/** DOMAIN rules: a name, at least one asset, distinct assets, each percentage > 0, sum exactly 100. */
export function checkStrategy(input: { name: string; allocations: AllocationInput[] }): void {
  if (input.name.trim() === '') throw unprocessable('NAME_REQUIRED', 'a strategy needs a name');
  if (input.allocations.length === 0)
    throw unprocessable('NO_ALLOCATIONS', 'a strategy needs at least one asset');
  const seen = new Set<string>();
  for (const a of input.allocations) {
    if (seen.has(a.assetId))
      throw unprocessable('DUPLICATE_ASSET', `asset ${a.assetId} appears twice`, { assetId: a.assetId });
    seen.add(a.assetId);
    // Percentages come as JSON numbers; read them through their decimal text, never as floats.
    const p = new Decimal(String(a.percentage));
    if (p.lte(0))
      throw unprocessable('PERCENTAGE_NOT_POSITIVE', `the percentage of ${a.assetId} must be above 0`, {
        assetId: a.assetId,
      });
    if (p.decimalPlaces() > 2)
      throw unprocessable(
        'PERCENTAGE_TOO_PRECISE',
        `the percentage of ${a.assetId} has more than 2 decimals`,
        { assetId: a.assetId },
      );
  }
  const sum = input.allocations.reduce((acc, a) => acc.add(String(a.percentage)), new Decimal(0));
  if (!sum.eq(100))
    throw unprocessable('PERCENTAGES_NOT_100', `the percentages sum to ${sum.toFixed()}, not 100`, {
      sum: sum.toFixed(),
    });
}

/**
 * The orders an investment becomes: the amount split over the allocations by the one split rule
 * (packages/money/src/split.ts), in minor units.
 */
export function splitAmount(
  amountMinor: number,
  allocations: AllocationInput[],
): { assetId: string; amountMinor: number }[] {
  const parts = splitByPercentages(minorToMoney(amountMinor), percentagesOf(allocations));
  return allocations.map((a, index) => ({ assetId: a.assetId, amountMinor: moneyToMinor(parts[index]!) }));
}

/** Percentages come as JSON numbers; read them through their decimal text, never as floats. */
function percentagesOf(allocations: AllocationInput[]): string[] {
  return allocations.map((a) => new Decimal(String(a.percentage)).toFixed());
}

export interface InvestmentRules {
  /** The smallest investment (STRATEGIES_MIN_INVESTMENT), in minor units. */
  minimumInvestmentMinor: number;
  /** The orders service's smallest order (ORDERS_MIN_ORDER_VALUE): each order of a split must reach it. */
  minimumOrderValueMinor: number;
}

/** 50.00 each: the 1.00 minimum fee (services/accounts/src/fees.ts) is then at most 2% of every order. */
export const DEFAULT_INVESTMENT_RULES: InvestmentRules = {
  minimumInvestmentMinor: 5000,
  minimumOrderValueMinor: 5000,
};

/**
 * The smallest amount whose split gives every allocation an order of at least the minimum order
 * value (and never an empty one), and that reaches the minimum investment (packages/money's rule).
 */
export function minimumInvestmentFor(allocations: AllocationInput[], rules: InvestmentRules): number {
  return moneyToMinor(
    minimumSplitAmount(percentagesOf(allocations), {
      minimumInvestment: minorToMoney(rules.minimumInvestmentMinor),
      minimumOrderValue: minorToMoney(rules.minimumOrderValueMinor),
    }),
  );
}
