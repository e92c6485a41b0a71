import type { Schema } from '@simplebank/openapi';

export type Strategy = Schema<'Strategy'>;
export type StrategyStatus = Schema<'StrategyStatus'>;

export const RISK_LABELS: Record<Strategy['riskLevel'], string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};
export const HORIZON_LABELS: Record<string, string> = {
  short: 'Short term (under 3 years)',
  medium: 'Medium term (3 to 7 years)',
  long: 'Long term (over 7 years)',
};

/** A list with a pushed strategy applied: replaced only by a newer version, removed when it no longer belongs. */
export function applyStrategyUpdate(
  list: Strategy[],
  strategy: Strategy,
  belongs: (s: Strategy) => boolean,
): Strategy[] {
  const index = list.findIndex((item) => item.id === strategy.id);
  if (index !== -1 && list[index]!.version >= strategy.version) return list;
  const without = list.filter((item) => item.id !== strategy.id);
  if (!belongs(strategy)) return index === -1 ? list : without;
  if (index === -1) return [...list, strategy];
  // Pushes carry no totalInvested (it is for admins only and not in the event): keep the known one.
  const known = list[index]!.totalInvested;
  const next =
    strategy.totalInvested === undefined && known !== undefined
      ? { ...strategy, totalInvested: known }
      : strategy;
  return list.map((item) => (item.id === strategy.id ? next : item));
}

/** The horizon in words: the contract's horizon is free text ("5+ years"); a few codes have labels. */
export function horizonLabel(horizon: string): string {
  return HORIZON_LABELS[horizon] ?? horizon;
}
