import { addDecimals, multiplyDecimals, subtractDecimals } from '@simplebank/ui';
import { useMemo } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import type { Holding, Portfolio } from '../../../shared/api/portfolio.ts';

export interface ValuedHolding extends Holding {
  asset: Asset | undefined;
  currency: string;
}

export interface Valuation {
  holdings: ValuedHolding[];
  /** Sum of the valued holdings; null when valuations are unavailable. */
  total: string | null;
  /** Sum of the holdings' cost basis. */
  totalCostBasis: string;
  /** Unrealized profit (positive) or loss (negative): total − totalCostBasis; null when valuations are unavailable. */
  totalPnl: string | null;
}

/**
 * Holdings valued at the live price: the pushed price when the asset list has one, else the
 * portfolio's own. When the BFF says valuations are unavailable, no value is shown at all
 * (docs/DOMAIN.md: holdings without valuations), even if an older price is cached.
 */
export function valueHoldings(portfolio: Portfolio, assetsById: Map<string, Asset>): Valuation {
  const available = portfolio.valuation.available;
  const holdings = portfolio.holdings.map((holding) => {
    const asset = assetsById.get(holding.assetId);
    const price = available ? (asset?.price ?? holding.price) : null;
    const value = price === null ? null : multiplyDecimals(holding.quantity, price);
    return {
      ...holding,
      asset,
      currency:
        asset?.currency ?? portfolio.accounts.find((a) => a.id === holding.accountId)?.currency ?? 'USD',
      price,
      value,
      // value − cost basis, recomputed exactly at the live price
      unrealizedPnl: value === null ? null : subtractDecimals(value, holding.costBasis),
    };
  });
  const values = holdings.map((holding) => holding.value).filter((value): value is string => value !== null);
  const pnls = holdings.map((holding) => holding.unrealizedPnl).filter((pnl): pnl is string => pnl !== null);
  return {
    holdings,
    total: available ? addDecimals(...values) : null,
    totalCostBasis: addDecimals(...holdings.map((holding) => holding.costBasis)),
    totalPnl: available ? addDecimals(...pnls) : null,
  };
}

export function useValuedHoldings(
  portfolio: Portfolio | undefined,
  assetsById: Map<string, Asset>,
): Valuation | undefined {
  return useMemo(
    () => (portfolio ? valueHoldings(portfolio, assetsById) : undefined),
    [portfolio, assetsById],
  );
}
