import { Decimal, isDecimal } from './decimal.ts';

/** 10^digits as a Decimal: the number of minor units in one. */
function unit(digits: number): InstanceType<typeof Decimal> {
  return new Decimal(10).pow(digits);
}

function percentageOf(value: string): InstanceType<typeof Decimal> {
  if (!isDecimal(value)) throw new TypeError(`Not a decimal string: ${value}`);
  return new Decimal(value);
}

/** The split in whole minor units (amount already in minor units, a whole number). */
function splitUnits(
  units: InstanceType<typeof Decimal>,
  percentages: string[],
): InstanceType<typeof Decimal>[] {
  const exact = percentages.map((percentage, index) => {
    const share = units.times(percentageOf(percentage)).div(100);
    const floor = share.floor();
    return { index, amount: floor, remainder: share.minus(floor) };
  });
  let left = exact.reduce((rest, part) => rest.minus(part.amount), units);
  const byRemainder = [...exact].sort((x, y) => y.remainder.comparedTo(x.remainder) || x.index - y.index);
  for (const part of byRemainder) {
    if (left.lte(0)) break;
    part.amount = part.amount.plus(1);
    left = left.minus(1);
  }
  return exact.map((part) => part.amount);
}

/**
 * The strategy split rule: `amount` spread over `percentages` (which add up to 100) in whole minor
 * units (cents for `digits` = 2), so the parts add up to the amount exactly. Every part is its exact
 * share rounded down; the units left over go one by one to the parts with the largest remainders,
 * ties to the earlier allocation. The strategies service places these orders, the invest page
 * previews them and the mocks simulate them, all through this function.
 */
export function splitByPercentages(amount: string, percentages: string[], digits = 2): string[] {
  if (!isDecimal(amount)) throw new TypeError(`Not a decimal string: ${amount}`);
  const scale = unit(digits);
  const units = new Decimal(amount).times(scale).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return splitUnits(units, percentages).map((part) => part.div(scale).toFixed(digits));
}

export interface SplitMinimums {
  /** The smallest investment, "50.00". */
  minimumInvestment: string;
  /** The smallest order: every part of the split must reach it, "50.00". */
  minimumOrderValue: string;
}

/**
 * The smallest amount that reaches the minimum investment and whose split (splitByPercentages)
 * gives every allocation an order of at least the minimum order value, never an empty one.
 */
export function minimumSplitAmount(percentages: string[], minimums: SplitMinimums, digits = 2): string {
  const scale = unit(digits);
  const toUnits = (value: string) => new Decimal(value).times(scale).ceil();
  const perOrder = Decimal.max(1, toUnits(minimums.minimumOrderValue));
  const smallest = percentages.reduce(
    (min, percentage) => Decimal.min(min, percentageOf(percentage)),
    new Decimal(100),
  );
  if (smallest.lte(0)) throw new RangeError('Every percentage of a split must be above zero');
  // A part is its exact share rounded down, plus perhaps one leftover unit: it reaches perOrder only
  // when the exact share reaches perOrder - 1, which bounds the answer from below; step up from there.
  let units = Decimal.max(
    toUnits(minimums.minimumInvestment),
    perOrder.minus(1).times(100).div(smallest).ceil(),
    1,
  );
  while (splitUnits(units, percentages).some((part) => part.lt(perOrder))) units = units.plus(1);
  return units.div(scale).toFixed(digits);
}
