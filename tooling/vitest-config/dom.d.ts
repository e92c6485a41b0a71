/** How long findBy…, waitFor and expect.poll wait in jsdom suites (see dom.js). */
export declare const domWaitMs: 20_000;
/** Timeouts for suites that render in jsdom (see dom.js). */
export declare const domTestTimeouts: {
  readonly testTimeout: 60_000;
  readonly expect: { readonly poll: { readonly timeout: 20_000 } };
};
