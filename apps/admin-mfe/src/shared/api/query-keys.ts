// The QueryClient is the shell's and shared by every fragment, so every key starts with the
// fragment's name.
export const queryKeys = {
  registry: () => ['admin', 'registry'] as const,
  system: () => ['admin', 'system'] as const,
  customers: (page: number, search: string) => ['admin', 'customers', 'list', { page, search }] as const,
  customerOptions: () => ['admin', 'customers', 'options'] as const,
  assets: () => ['admin', 'assets'] as const,
  orders: () => ['admin', 'orders'] as const,
  orderList: (filters: object) => ['admin', 'orders', 'list', filters] as const,
  orderTimeline: (id: string) => ['admin', 'orders', 'timeline', id] as const,
  users: () => ['admin', 'users'] as const,
  userBuilds: (id: string) => ['admin', 'users', 'builds', id] as const,
  audit: (filters: object) => ['admin', 'audit', filters] as const,
  flags: () => ['admin', 'flags'] as const,
};
