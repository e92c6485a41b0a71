import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import mime from 'mime';
import { ApiError } from '../http/errors.ts';
import { isSafeRelativePath } from './content-hash.ts';
import { FRAGMENT_NAME, FRAGMENT_VERSION, type FragmentRegistry } from './registry.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const TEXT = /^(text\/|application\/(javascript|json))/;

/**
 * Serves fragment build files from the registry's database. A version never changes, so a file is
 * cached by browsers for a year and named by its content's sha256 in an ETag; each instance keeps
 * recently served contents in a bounded cache (by hash: a hash always names the same bytes).
 */
export function serveFragmentFiles(
  app: FastifyInstance,
  registry: FragmentRegistry,
  cacheBytes = 32 * 1024 * 1024,
): void {
  const contents = new LRUCache<string, Buffer>({
    maxSize: cacheBytes,
    sizeCalculation: (content) => Math.max(1, content.length),
  });

  // Cross-origin GET is allowed: in dev a shell on another port loads them.
  app.get<{ Params: { name: string; version: string; '*': string } }>(
    '/fragments/:name/:version/*',
    async (request, reply) => {
      const { name, version } = request.params;
      const file = request.params['*'];
      const notFound = () => new ApiError(404, 'not_found', 'No such fragment file');
      if (!FRAGMENT_NAME.test(name) || !FRAGMENT_VERSION.test(version) || !isSafeRelativePath(file))
        throw notFound();
      const hash = await registry.fileHash(name, version, file);
      if (hash === null) throw notFound();
      const etag = `"${hash}"`;
      reply
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', IMMUTABLE)
        .header('etag', etag);
      if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return reply.code(304).send();
      let content = contents.get(hash);
      if (!content) {
        content = (await registry.blob(hash)) ?? undefined;
        if (!content) throw notFound();
        contents.set(hash, content);
      }
      const type = mime.getType(file) ?? 'application/octet-stream';
      return reply.type(TEXT.test(type) ? `${type}; charset=utf-8` : type).send(content);
    },
  );
}
