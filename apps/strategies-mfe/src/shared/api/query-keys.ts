// The QueryClient is the shell's and shared by every fragment, so every key starts with the
// fragment's name.
export const queryKeys = {
  assets: () => ['strategies', 'assets'] as const,
  strategyLists: () => ['strategies', 'list'] as const,
  published: () => ['strategies', 'list', { status: 'published' }] as const,
  adminList: (status: string | undefined) =>
    ['strategies', 'list', { admin: true, status: status ?? 'all' }] as const,
};
