import { createOpenApiHttp } from 'openapi-msw';
import type { paths } from '@simplebank/openapi';

/**
 * MSW's `http`, typed by the BFF contract: only paths of bff.yaml, typed params, query and bodies,
 * and responses that must match the schema of their status code. Tests use it for overrides:
 * `server.use(http.get('/api/portfolio', ({ response }) => response(503).json(errorBody(...))))`.
 */
export const http = createOpenApiHttp<paths>({
  // Any origin: the BFF's (localhost:3000), a fragment's dev port, or jsdom's test origin.
  baseUrl: '*',
});
