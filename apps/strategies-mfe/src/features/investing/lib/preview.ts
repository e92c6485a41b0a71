import { add, compare, feeFor, minimumSplitAmount, splitByPercentages } from '@simplebank/money';
import { formatMoney } from '@simplebank/ui';
import { centsToMoney, toScaled, type FeeSchedule, type Minimums } from '../../../shared/lib/money.ts';
import type { Strategy } from '../../../shared/api/strategies.ts';

export interface PreviewLine {
  assetId: string;
  percentage: string;
  amount: string;
  fee: string;
}

export interface InvestmentPreview {
  lines: PreviewLine[];
  amount: string;
  fees: string;
  /** What leaves the account: the amount plus every order's fee. */
  total: string;
}

/** The orders an amount will become (one per allocation, split in cents) and their fees. */
export function previewInvestment(
  strategy: Strategy,
  amount: string,
  fees: FeeSchedule,
): InvestmentPreview | null {
  const cents = toScaled(amount, 2);
  if (cents === null || cents <= 0n) return null;
  const money = centsToMoney(cents);
  // The orders the strategies service will place (the one split rule, packages/money) and their fees.
  const parts = splitByPercentages(
    money,
    strategy.allocations.map((a) => a.percentage),
  );
  const feeParts = parts.map((part) => feeFor(part, fees));
  const feeTotal = add('0.00', ...feeParts);
  const total = add(money, feeTotal);
  return {
    lines: strategy.allocations.map((allocation, index) => ({
      assetId: allocation.assetId,
      percentage: allocation.percentage,
      amount: parts[index]!,
      fee: feeParts[index]!,
    })),
    amount: money,
    fees: feeTotal,
    total,
  };
}

/**
 * The smallest amount the strategies service accepts for this strategy: at least the minimum
 * investment, and split so that every order reaches the minimum order value (the same split and
 * search as services/strategies/src/rules.ts minimumInvestmentFor: packages/money/src/split.ts).
 */
export function strategyMinimum(strategy: Strategy, minimums: Minimums): string {
  return minimumSplitAmount(
    strategy.allocations.map((a) => a.percentage),
    minimums,
  );
}

/** Amount field rules: a positive amount in cents, at least the strategy's minimum, not more than the account can pay with fees. */
export function amountError(
  amount: string,
  preview: InvestmentPreview | null,
  availableCash: string | undefined,
  minimum?: { amount: string; minimumOrderValue: string; currency: (value: string) => string },
): string | undefined {
  const text = amount.trim();
  if (!text) return 'Enter an amount.';
  if (!/^\d{1,15}(\.\d+)?$/.test(text)) return 'Enter an amount such as 1000 or 250.50.';
  const cents = toScaled(text, 2);
  if (cents === null) return 'Use at most 2 decimals.';
  if (cents === 0n || !preview) return 'Enter an amount above 0.';
  if (preview.lines.some((line) => line.amount === '0.00'))
    return 'The amount is too small to buy every asset of the strategy.';
  if (minimum && cents < (toScaled(minimum.amount, 2) ?? 0n))
    return `The minimum for this strategy is ${minimum.currency(minimum.amount)}, so that each of its orders is at least ${minimum.currency(minimum.minimumOrderValue)}.`;
  const known = availableCash !== undefined && toScaled(availableCash, 2) !== null;
  if (known && compare(preview.total, availableCash) > 0) {
    return `Not enough cash: with fees this takes ${formatMoney(preview.total, 'USD')}, and ${formatMoney(availableCash ?? '0', 'USD')} is available.`;
  }
  return undefined;
}
