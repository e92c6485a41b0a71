import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  define: { __FRAGMENT_RELEASE_NOTE__: JSON.stringify('') },
  build: { outDir: path.resolve(here, '../out/single-bundle'), emptyOutDir: true, target: 'esnext' },
  logLevel: 'warn',
});
