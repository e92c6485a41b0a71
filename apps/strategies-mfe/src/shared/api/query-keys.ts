// The QueryClient is the shell's and shared by every fragment, so every key starts with the
// fragment's name.
export const queryKeys = {
  assets: () => ['strategies', 'assets'] as const,
  strategyLists: () => ['strategies', 'list'] as const,
  published: () => ['strategies', 'list', { status: 'published' }] as const,
  adminList: (status: string | undefined) =>
    ['strategies', 'list', { admin: true, status: status ?? 'all' }] as const,
  strategy: (id: string) => ['strategies', 'detail', id] as const,
  accounts: () => ['strategies', 'accounts'] as const,
  fees: () => ['strategies', 'fees'] as const,
  investment: (id: string) => ['strategies', 'investment', id] as const,
  myInvestments: () => ['strategies', 'investments'] as const,
};
