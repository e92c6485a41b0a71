import { QueryClient } from '@tanstack/react-query';

/**
 * One QueryClient for the whole page (the shell creates it; fragments read it from the provider).
 * Realtime pushes keep the cache fresh, so a short staleTime avoids refetch storms on navigation.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not get better by asking again; 5xx/network errors get one more try.
        retry: (failureCount, error) => failureCount < 2 && !isClientError(error),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
