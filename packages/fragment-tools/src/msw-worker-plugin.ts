import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export const MSW_WORKER_PATH = '/mockServiceWorker.js';

/**
 * Standalone mode runs MSW in the browser, which needs its service worker script at the site
 * root. Serving it from the installed msw package (dev only) keeps a generated copy out of every
 * fragment and always matches the library version. A `public/mockServiceWorker.js`, if a
 * fragment has one, still wins because Vite serves public files first.
 */
export function mswWorkerPlugin(root: string): Plugin {
  return {
    name: 'simplebank:msw-worker',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(MSW_WORKER_PATH, (_req, res, next) => {
        let file: string;
        try {
          file = createRequire(`${root}/`).resolve('msw/mockServiceWorker.js');
        } catch {
          next(); // this fragment does not use MSW
          return;
        }
        readFile(file).then(
          (body) => {
            res.setHeader('Content-Type', 'text/javascript');
            res.setHeader('Service-Worker-Allowed', '/');
            res.end(body);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
