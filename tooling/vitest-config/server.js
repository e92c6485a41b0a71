// Timeouts for suites that start real servers (PGlite, HTTP, and PostgreSQL, NATS or Redis in the
// scale-out suites). `npm test` runs two packages' suites at once on a 2-core machine, so a start-up
// that takes a second alone can take ten, and a hundred while another CPU-heavy job runs; these bound a hang, they do not measure speed. So does
// expect.poll's default: a poll waits for what the caller would see, not for one second.
export const serverTestTimeouts = {
  testTimeout: 180_000,
  hookTimeout: 300_000,
  expect: { poll: { timeout: 30_000 } },
};
