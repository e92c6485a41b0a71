import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test builds its own app in its own temp data folder; keep the CPU share small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
