import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { MSW_WORKER_PATH, mswWorkerPlugin } from './msw-worker-plugin.ts';

type Handler = (req: unknown, res: FakeResponse, next: (error?: unknown) => void) => void;

class FakeResponse {
  headers: Record<string, string> = {};
  body = '';
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  end(body: Buffer) {
    this.body = body.toString();
  }
}

function mount(root: string) {
  const routes: Array<[string, Handler]> = [];
  const server = { middlewares: { use: (route: string, handler: Handler) => routes.push([route, handler]) } };
  const hook = (mswWorkerPlugin(root) as Plugin).configureServer as (server: ViteDevServer) => void;
  hook(server as unknown as ViteDevServer);
  return routes;
}

describe('mswWorkerPlugin', () => {
  it("serves msw's service worker at the site root in dev", async () => {
    const routes = mount(path.resolve(import.meta.dirname, '../../../apps/orders-mfe'));
    expect(routes.map(([route]) => route)).toEqual([MSW_WORKER_PATH]);
    const res = new FakeResponse();
    await new Promise<void>((resolve, reject) => {
      routes[0]?.[1](
        {},
        Object.assign(res, { end: (b: Buffer) => ((res.body = b.toString()), resolve()) }),
        reject,
      );
    });
    expect(res.headers['Content-Type']).toBe('text/javascript');
    expect(res.body).toContain('Mock Service Worker');
  });

  it('steps aside when msw cannot be resolved', () => {
    const routes = mount('/nonexistent-root');
    let passed = false;
    routes[0]?.[1]({}, new FakeResponse(), () => (passed = true));
    expect(passed).toBe(true);
  });
});
