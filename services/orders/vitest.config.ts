import { defineConfig } from 'vitest/config';

// Suites start real services (PGlite, HTTP): generous timeouts for a machine shared with others.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
