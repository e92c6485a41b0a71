import { addDecimals, subtractDecimals } from '@simplebank/ui';
import type { Portfolio } from '../../../shared/api/portfolio.ts';
import type { PlaceOrderRequest } from './orders.ts';

/**
 * The portfolio as it will be once the saga reserves for the order: a buy moves the estimated
 * total from available to reserved cash, a sell reserves the quantity. Shown at once; the server's
 * portfolio replaces it when the order settles (and gives it back after a rejection).
 */
export function withReservation(
  portfolio: Portfolio,
  request: PlaceOrderRequest,
  total: string | null,
): Portfolio {
  if (request.side === 'buy') {
    if (total === null) return portfolio;
    return {
      ...portfolio,
      accounts: portfolio.accounts.map((account) =>
        account.id === request.accountId
          ? {
              ...account,
              cash: {
                available: subtractDecimals(account.cash.available, total),
                reserved: addDecimals(account.cash.reserved, total),
              },
            }
          : account,
      ),
    };
  }
  return {
    ...portfolio,
    holdings: portfolio.holdings.map((holding) =>
      holding.accountId === request.accountId && holding.assetId === request.assetId
        ? { ...holding, reservedQuantity: addDecimals(holding.reservedQuantity, request.quantity) }
        : holding,
    ),
  };
}
