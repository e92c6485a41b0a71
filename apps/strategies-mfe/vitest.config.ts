import { domTestTimeouts } from '@simplebank/vitest-config/dom';
import { defineConfig } from 'vitest/config';

// Tests run without module federation: the fragment is rendered directly inside a platform harness.
export default defineConfig({
  define: { __FRAGMENT_RELEASE_NOTE__: JSON.stringify('test') },
  test: {
    ...domTestTimeouts,
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
  },
});
