// Timeouts for suites that start real servers (PGlite, HTTP, and PostgreSQL, NATS or Redis in the
// scale-out suites). `npm test` runs two packages' suites at once on a 2-core machine, so a start-up
// that takes a second alone can take ten; these bound a hang, they do not measure speed.
export const serverTestTimeouts = { testTimeout: 60_000, hookTimeout: 120_000 };
