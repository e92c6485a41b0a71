// The QueryClient is the shell's and shared by every fragment, so every key starts with the
// fragment's name: another fragment's ['assets'] may hold a different selection or shape.
export const queryKeys = {
  assets: () => ['orders', 'assets'] as const,
  portfolio: () => ['orders', 'portfolio'] as const,
  fees: () => ['orders', 'fees'] as const,
  history: (assetId: string, range: string) => ['orders', 'history', assetId, range] as const,
  orderLists: () => ['orders', 'order-list'] as const,
  orderList: (filter: {
    status?: string;
    accountId?: string;
    assetId?: string;
    from?: string;
    to?: string;
    page: number;
  }) => ['orders', 'order-list', filter] as const,
};
