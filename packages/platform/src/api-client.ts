import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '@simplebank/openapi';

/**
 * The BFF's CSRF defence (openapi/bff.yaml): state-changing requests carry this custom header,
 * which a cross-site form or image cannot set, and the BFF also checks `Origin`.
 */
export const CSRF_HEADER = 'X-CSRF-Protection';
export const CSRF_HEADER_VALUE = '1';

// Only these methods can change state; reads stay simple requests with no extra header.
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiClientOptions {
  /** Where the BFF is; defaults to the page's own origin (the BFF serves the shell). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (!STATE_CHANGING.has(request.method.toUpperCase())) return undefined;
    request.headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);
    return request;
  },
};

/** The typed client of the BFF's public API (openapi/bff.yaml). Sends the session cookie and CSRF header. */
export function createApiClient(opts: ApiClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: opts.baseUrl ?? '',
    // `include` rather than the default `same-origin` so a fragment served from its own dev port
    // can still talk to the BFF with the session cookie.
    credentials: 'include',
    // Resolved at call time so tests that stub globalThis.fetch after creation still take effect.
    fetch: (request: Request) => (opts.fetch ?? globalThis.fetch)(request),
  });
  client.use(csrfMiddleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;
