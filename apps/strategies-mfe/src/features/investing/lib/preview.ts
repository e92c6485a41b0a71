import { formatMoney } from '@simplebank/ui';
import {
  centsToMoney,
  feeCents,
  splitCents,
  toScaled,
  type FeeSchedule,
  type Minimums,
} from '../../../shared/lib/money.ts';
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
  totalCents: bigint;
}

/** The orders an amount will become (one per allocation, split in cents) and their fees. */
export function previewInvestment(
  strategy: Strategy,
  amount: string,
  fees: FeeSchedule,
): InvestmentPreview | null {
  const cents = toScaled(amount, 2);
  if (cents === null || cents <= 0n) return null;
  const parts = splitCents(
    cents,
    strategy.allocations.map((a) => a.percentage),
  );
  const feeParts = parts.map((part) => feeCents(part, fees));
  const feeTotal = feeParts.reduce((sum, fee) => sum + fee, 0n);
  return {
    lines: strategy.allocations.map((allocation, index) => ({
      assetId: allocation.assetId,
      percentage: allocation.percentage,
      amount: centsToMoney(parts[index]!),
      fee: centsToMoney(feeParts[index]!),
    })),
    amount: centsToMoney(cents),
    fees: centsToMoney(feeTotal),
    total: centsToMoney(cents + feeTotal),
    totalCents: cents + feeTotal,
  };
}

/**
 * The smallest amount the strategies service accepts for this strategy: at least the minimum
 * investment, and split so that every order reaches the minimum order value (the same split and
 * search as services/strategies/src/rules.ts minimumInvestmentFor).
 */
export function strategyMinimum(strategy: Strategy, minimums: Minimums): string {
  const percentages = strategy.allocations.map((a) => a.percentage);
  const perOrder = (() => {
    const cents = toScaled(minimums.minimumOrderValue, 2) ?? 0n;
    return cents > 1n ? cents : 1n;
  })();
  const smallest = percentages.reduce((min, p) => {
    const hundredths = toScaled(p, 2) ?? 10_000n;
    return hundredths < min ? hundredths : min;
  }, 10_000n);
  // A part reaches perOrder only when its exact share reaches perOrder - 1 (one leftover cent).
  const lowerBound = smallest > 0n ? ((perOrder - 1n) * 10_000n + smallest - 1n) / smallest : perOrder;
  let cents = toScaled(minimums.minimumInvestment, 2) ?? 0n;
  if (lowerBound > cents) cents = lowerBound;
  if (cents < 1n) cents = 1n;
  while (splitCents(cents, percentages).some((part) => part < perOrder)) cents += 1n;
  return centsToMoney(cents);
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
  const available = availableCash === undefined ? null : toScaled(availableCash, 2);
  if (available !== null && preview.totalCents > available) {
    return `Not enough cash: with fees this takes ${formatMoney(preview.total, 'USD')}, and ${formatMoney(availableCash ?? '0', 'USD')} is available.`;
  }
  return undefined;
}
