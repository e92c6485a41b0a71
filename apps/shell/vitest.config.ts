import react from '@vitejs/plugin-react';
import { domTestTimeouts } from '@simplebank/vitest-config/dom';
import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts: tests render the shell without module federation.
export default defineConfig({
  plugins: [react()],
  test: {
    ...domTestTimeouts,
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
  },
});
