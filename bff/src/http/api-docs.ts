import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { requireRole } from '../auth/auth-plugin.ts';
import { specPath } from '../contract/openapi.ts';

/**
 * Interactive docs of the BFF's contract (`openapi/bff.yaml`, served as written, not generated from
 * the routes) at `/api/docs`, the document itself at `/api/docs/json` and `/api/docs/yaml`.
 * Outside the embedded default only admins see them: the contract lists every admin operation.
 */
export async function installApiDocs(app: FastifyInstance, options: { adminsOnly: boolean }): Promise<void> {
  const file = specPath();
  await app.register(fastifySwagger, {
    mode: 'static',
    specification: { path: file, baseDir: path.dirname(file) },
  });
  await app.register(async (docs) => {
    if (options.adminsOnly) docs.addHook('onRequest', async (request) => void requireRole(request, 'admin'));
    await docs.register(fastifySwaggerUi, {
      routePrefix: '/api/docs',
      // The UI's own CSP (hashes of its inline scripts) instead of the app's, which allows none.
      staticCSP: true,
      uiConfig: { deepLinking: true, tryItOutEnabled: false },
    });
  });
}
