// The QueryClient is the shell's and shared by every fragment, so every key starts with the
// fragment's name.
export const queryKeys = {
  registry: () => ['admin', 'registry'] as const,
  system: () => ['admin', 'system'] as const,
};
