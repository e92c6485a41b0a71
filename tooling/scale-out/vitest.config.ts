import { defineConfig } from 'vitest/config';
import { serverTestTimeouts } from '@simplebank/vitest-config/server';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    ...serverTestTimeouts,
    // The suite starts ten processes and kills some of them: one file, one at a time.
    fileParallelism: false,
  },
});
