// Timeouts for suites that render in jsdom. A test waits for what the user would see (findBy…,
// waitFor, expect.poll) however long a loaded machine takes to render it: testing-library's and
// vitest's default of one second made every such wait a speed assertion, and tests failed while
// another job ran. These bound a hang, they do not measure speed; a wait for what never comes
// still fails, with the DOM in the message, before the test times out.
export const domWaitMs = 20_000;
export const domTestTimeouts = { testTimeout: 60_000, expect: { poll: { timeout: domWaitMs } } };
