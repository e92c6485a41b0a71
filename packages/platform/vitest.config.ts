import { domTestTimeouts } from '@simplebank/vitest-config/dom';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    ...domTestTimeouts,
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
  },
});
