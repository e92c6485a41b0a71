import { defineConfig } from 'vitest/config';
import { serverTestTimeouts } from '@simplebank/vitest-config/server';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test builds its own app in its own temp data folder; keep the CPU share small.
    pool: 'forks',
    maxWorkers: 2,
    ...serverTestTimeouts,
  },
});
