import path from 'node:path';
import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import { PLATFORM_CONTRACT_VERSION } from '@simplebank/platform/contract-version';
import type { UserConfig } from 'vite';
import { readFragmentConfig } from './fragment-config.ts';
import { mswWorkerPlugin } from './msw-worker-plugin.ts';
import {
  BUILD_INPUT_ID,
  emptyBuildInputPlugin,
  fragmentJsonPlugin,
  fragmentMeta,
} from './fragment-json-plugin.ts';
import { sharedSingletons } from './shared.ts';

export interface FragmentViteOptions {
  /** The fragment's folder (holds `fragment.config.json`, `index.html`, `src/Fragment.tsx`). */
  root: string;
  /** Standalone dev and preview port (4101, 4102, 4103). */
  port: number;
  /** Defaults to process.env.FRAGMENT_RELEASE_NOTE. */
  releaseNote?: string;
  /**
   * Build the remote against the host's copy of the federation runtime instead of bundling its
   * own (saves one runtime download per fragment). Only valid when loaded by the shell, which
   * provides it; defaults to true for builds. Dev mode always bundles its own so standalone works.
   */
  externalRuntime?: boolean;
}

/**
 * The Vite config of a fragment: a module federation remote named after `fragment.config.json`
 * that exposes `./Fragment`, shares the platform singletons, and can be served from any
 * `/fragments/<name>/<version>/` folder of the registry.
 */
export function defineFragmentConfig(opts: FragmentViteOptions) {
  return ({ command }: { command: 'build' | 'serve' }): UserConfig => {
    const config = readFragmentConfig(opts.root);
    const releaseNote = opts.releaseNote ?? process.env.FRAGMENT_RELEASE_NOTE ?? '';
    const externalRuntime = command === 'build' && (opts.externalRuntime ?? true);
    return {
      root: opts.root,
      // Relative base: the same build works wherever the registry serves the version folder.
      base: './',
      // public/ holds standalone-only files (e.g. an MSW worker); they are no part of the artifact.
      publicDir: command === 'build' ? false : 'public',
      define: { __FRAGMENT_RELEASE_NOTE__: JSON.stringify(releaseNote) },
      plugins: [
        react(),
        federation({
          name: config.name,
          filename: 'remoteEntry-[hash].js',
          exposes: { './Fragment': './src/Fragment.tsx' },
          shared: sharedSingletons(),
          manifest: true,
          // The runtime works the chunk URLs out from where the manifest was fetched.
          publicPath: 'auto',
          // The fragment's CSS travels with its exposed module, so the shell needs no stylesheet link.
          bundleAllCSS: true,
          dts: false,
          ...(externalRuntime ? { experiments: { externalRuntime: true } } : {}),
        }),
        fragmentJsonPlugin(fragmentMeta(config, PLATFORM_CONTRACT_VERSION, releaseNote)),
        emptyBuildInputPlugin(),
        mswWorkerPlugin(opts.root),
      ],
      build: {
        outDir: path.join(opts.root, 'dist'),
        emptyOutDir: true,
        // Module federation's remote entry relies on top-level await.
        target: 'esnext',
        // Content-hashed names (Vite's default, spelled out because the registry relies on it).
        rollupOptions: {
          input: { 'fragment-build': BUILD_INPUT_ID },
          output: {
            entryFileNames: 'assets/[name]-[hash].js',
            chunkFileNames: 'assets/[name]-[hash].js',
            assetFileNames: 'assets/[name]-[hash][extname]',
          },
        },
      },
      server: {
        port: opts.port,
        strictPort: true,
        // Standalone mode talks to the BFF when one runs; MSW intercepts first when mocks are on.
        proxy: { '/api': 'http://localhost:3000', '/realtime': { target: 'ws://localhost:3000', ws: true } },
      },
      preview: { port: opts.port, strictPort: true },
    };
  };
}
