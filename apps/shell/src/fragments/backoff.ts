export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 30_000;

/** Wait before automatic retry number `failures` (1-based): 1 s, 2 s, 4 s, … capped at 30 s. */
export function retryDelay(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(exponent, 30));
}
