export interface Faults {
  /** Share of orders (0..1) the market rejects when they are sent. */
  failureRate: number;
  /** Added to every quote and to the time an order takes to reach the market. */
  extraLatencyMs: number;
  /** The market answers nothing: quotes 503, orders fail with MARKET_UNAVAILABLE, no ticks. */
  down: boolean;
}

export const noFaults: Faults = { failureRate: 0, extraLatencyMs: 0, down: false };

export function faultsFromEnv(env: NodeJS.ProcessEnv): Partial<Faults> {
  return {
    ...(env.MARKET_FAILURE_RATE ? { failureRate: Number(env.MARKET_FAILURE_RATE) } : {}),
    ...(env.MARKET_EXTRA_LATENCY_MS ? { extraLatencyMs: Number(env.MARKET_EXTRA_LATENCY_MS) } : {}),
    ...(env.MARKET_DOWN ? { down: env.MARKET_DOWN === '1' || env.MARKET_DOWN === 'true' } : {}),
  };
}
