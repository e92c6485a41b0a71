import { federation } from '@module-federation/vite';
import { sharedSingletons } from '@simplebank/fragment-tools';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Where the dev server sends /api, /fragments and /realtime (the BFF by default).
const BFF = process.env.SIMPLEBANK_BFF_URL ?? 'http://localhost:3000';

// The host: no remotes here on purpose. Fragments are registered at run time from
// GET /api/fragments, so deploying one never rebuilds the shell.
export default defineConfig({
  plugins: [
    react(),
    federation({
      name: 'shell',
      remotes: {},
      // Under assets/ with the other hashed files, which the BFF serves as immutable.
      filename: 'assets/remoteEntry-[hash].js',
      // Eager: the shell renders with these at boot, so they are in its first chunks rather than
      // behind an async share negotiation.
      shared: sharedSingletons({ eager: true }),
      dts: false,
      // The fragments are built with experiments.externalRuntime: they use this copy of the
      // federation runtime instead of downloading their own.
      experiments: { provideExternalRuntime: true },
    }),
  ],
  build: { target: 'esnext' },
  server: {
    port: 4100,
    strictPort: true,
    proxy: {
      '/api': BFF,
      '/fragments': BFF,
      '/realtime': { target: BFF, ws: true },
    },
  },
  preview: { port: 4100, strictPort: true },
});
