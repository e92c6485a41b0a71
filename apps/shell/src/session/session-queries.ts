import type { ApiClient, Session } from '@simplebank/platform';
import { queryOptions } from '@tanstack/react-query';

export const sessionKey = ['session'] as const;

/**
 * The current session, or null when logged out. Asks `/api/session/current`, which answers a
 * logged-out visitor with 200 and null, so a logged-out page load logs no failed request.
 */
export function sessionQuery(api: ApiClient, onTelemetry?: (telemetry: { tracesUrl: string }) => void) {
  return queryOptions({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      const { data, response } = await api.GET('/api/session/current');
      if (!data) throw new Error(`Session check failed (${response.status})`);
      if (data.telemetry) onTelemetry?.(data.telemetry);
      return data.session ? { user: data.session.user } : null;
    },
    staleTime: Infinity,
    retry: 1,
  });
}

export type LoginOutcome = { ok: true; session: Session } | { ok: false; message: string };

/** Logs in and says what went wrong in words a user can act on. */
export async function logIn(api: ApiClient, username: string, password: string): Promise<LoginOutcome> {
  try {
    const { data, response } = await api.POST('/api/session', { body: { username, password } });
    if (data) return { ok: true, session: { user: data.user } };
    if (response.status === 401) return { ok: false, message: 'Wrong username or password.' };
    if (response.status === 429)
      return { ok: false, message: 'Too many attempts. Wait a minute, then try again.' };
    if (response.status === 400) return { ok: false, message: 'Enter your username and password.' };
    return { ok: false, message: 'We could not log you in right now. Try again in a moment.' };
  } catch {
    return { ok: false, message: 'SimpleBank cannot be reached. Check your connection and try again.' };
  }
}
