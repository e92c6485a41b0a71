/** Timeouts for suites that start real servers (see server.js). */
export declare const serverTestTimeouts: {
  readonly testTimeout: 180_000;
  readonly hookTimeout: 300_000;
  readonly expect: { readonly poll: { readonly timeout: 30_000 } };
};
