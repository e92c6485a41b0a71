import Decimal from 'decimal.js';
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
 * Splits an amount in cents over the allocations so the parts add up to the amount exactly:
 * each part is rounded down, and the cents left over go one by one to the parts with the largest
 * remainders (ties: the earlier allocation), which is deterministic.
 */
export function splitAmount(
  amountMinor: number,
  allocations: AllocationInput[],
): { assetId: string; amountMinor: number }[] {
  const exact = allocations.map((a, index) => {
    const share = new Decimal(amountMinor).mul(String(a.percentage)).div(100);
    const floor = share.floor();
    return { assetId: a.assetId, index, amount: floor.toNumber(), remainder: share.sub(floor) };
  });
  let left = amountMinor - exact.reduce((s, e) => s + e.amount, 0);
  const byRemainder = [...exact].sort((x, y) => y.remainder.cmp(x.remainder) || x.index - y.index);
  for (const e of byRemainder) {
    if (left === 0) break;
    e.amount += 1;
    left -= 1;
  }
  return exact.map((e) => ({ assetId: e.assetId, amountMinor: e.amount }));
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
 * value (and never an empty one), and that reaches the minimum investment.
 */
export function minimumInvestmentFor(allocations: AllocationInput[], rules: InvestmentRules): number {
  const perOrder = Math.max(1, rules.minimumOrderValueMinor);
  const smallest = allocations.reduce(
    (min, a) => Decimal.min(min, new Decimal(String(a.percentage))),
    new Decimal(100),
  );
  // A part is its exact share rounded down, plus perhaps one leftover cent: it reaches perOrder only
  // when the exact share reaches perOrder - 1, which bounds the answer from below; step up from there.
  let amount = Math.max(
    rules.minimumInvestmentMinor,
    new Decimal(perOrder - 1).mul(100).div(smallest).ceil().toNumber(),
    1,
  );
  while (splitAmount(amount, allocations).some((p) => p.amountMinor < perOrder)) amount += 1;
  return amount;
}
