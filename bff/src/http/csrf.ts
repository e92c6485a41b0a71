import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.ts';
import { originAllowed, ownOrigin } from './origins.ts';

export const CSRF_HEADER = 'x-csrf-protection';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence by required custom header (docs/CONTRACTS.md): a state-changing `/api` request must
 * carry `X-CSRF-Protection: 1`, which a cross-site form cannot send and a cross-site fetch cannot
 * send without a CORS preflight that the BFF never grants; and a browser-sent `Origin` must be
 * ours or an allowed dev origin. Bearer-token requests carry no ambient credentials and are exempt.
 */
export function installCsrfProtection(app: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method) || !request.url.startsWith('/api/')) return;
    if (/^Bearer\s/i.test(request.headers.authorization ?? '')) return;
    if (request.headers[CSRF_HEADER] !== '1') {
      throw new ApiError(403, 'csrf_failed', 'Missing X-CSRF-Protection header');
    }
    const origin = request.headers.origin;
    if (!originAllowed(origin, ownOrigin(request.protocol, request.host), allowed)) {
      throw new ApiError(403, 'csrf_failed', `Origin ${origin} is not allowed`);
    }
  });
}
