#!/usr/bin/env node
// Compiles the BFF and everything it runs in-process (the embedded services, the workspace packages)
// into one JavaScript file, dist/main.mjs, so that `npm start` runs JavaScript and does not load a
// TypeScript compiler into the server (scripts/start.mjs).
// Workspace packages (@simplebank/*) are TypeScript and are bundled; every other package stays an
// import resolved from node_modules at run time. Where a workspace package has its own nested copy
// of a dependency (packages/service-kit/node_modules/ajv is ajv 8 while the root's is ajv 6), the
// import is pinned to that copy's file, as Node would have resolved it from the package's source.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bffRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(bffRoot, 'dist', 'main.mjs');

const packageName = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

/** The node_modules folder nearest to `fromDir` that holds `name`, or null. */
function nearestInstall(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name, 'package.json')))
      return path.join(dir, 'node_modules');
    if (path.dirname(dir) === dir) return null;
  }
}

const thirdPartyStaysExternal = {
  name: 'third-party-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@simplebank/') || args.path.startsWith('node:')) return undefined;
      const name = packageName(args.path);
      const fromSource = nearestInstall(name, args.resolveDir);
      const fromBundle = nearestInstall(name, path.dirname(outfile));
      if (fromSource === null || fromSource === fromBundle) return { path: args.path, external: true };
      // A nested copy: only CommonJS packages are nested here (ajv, fastify-plugin), so require's
      // resolution is the file Node would load.
      const file = createRequire(path.join(args.resolveDir, 'x.js')).resolve(args.path);
      return { path: `./${path.relative(path.dirname(outfile), file)}`, external: true };
    });
  },
};

await build({
  entryPoints: [path.join(bffRoot, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [thirdPartyStaysExternal],
});
