/**
 * A fresh idempotency key (8 to 128 characters for the BFF). randomUUID needs a secure context;
 * getRandomValues does not, so a page served over plain HTTP inside a network still gets one.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `ticket-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `ticket-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
