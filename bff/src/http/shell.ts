import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorBody } from './errors.ts';

/** Paths the SPA fallback never answers: APIs and artifacts must 404 honestly. */
export const NON_SPA_PREFIXES = ['/api', '/fragments', '/realtime', '/metrics'];

const IMMUTABLE = 'public, max-age=31536000, immutable';

function isReserved(url: string): boolean {
  return NON_SPA_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
}

/**
 * Serves the built shell at `/` (hashed assets immutable, index.html never cached) and index.html
 * for any other GET so client-side routes survive a reload. Fragment files come from the registry's
 * database (registry/fragment-files.ts), not from here.
 */
export async function installShell(app: FastifyInstance, opts: { shellDist: string | null }): Promise<void> {
  const shellDist = opts.shellDist && existsSync(opts.shellDist) ? opts.shellDist : null;
  if (shellDist)
    await app.register(fastifyStatic, {
      root: shellDist,
      prefix: '/',
      index: false,
      wildcard: true,
      cacheControl: false,
      dotfiles: 'deny',
      setHeaders(res, filePath) {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? IMMUTABLE : 'no-store');
      },
    });

  // `/` is a directory to the static plugin; answer it with the app like any client route.
  app.get('/', async (_request, reply) => {
    if (!shellDist) return reply.callNotFound();
    return reply.sendFile('index.html', shellDist, { cacheControl: false });
  });

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const lastSegment = url.split('/').pop() ?? '';
    const spa =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isReserved(url) &&
      !lastSegment.includes('.');
    if (!spa) {
      return reply
        .code(404)
        .type('application/json; charset=utf-8')
        .send(errorBody(request, 'not_found', `No route ${request.method} ${url}`));
    }
    if (!shellDist) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('The shell is not built yet: run `npm run build -w apps/shell` (npm start does it).');
    }
    return reply.sendFile('index.html', shellDist, { cacheControl: false });
  });
}
