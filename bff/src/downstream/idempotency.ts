/**
 * Idempotency keys are the client's, but the services keep one key space for everyone (a UNIQUE
 * column in orders, strategies and accounts). The BFF therefore forwards `user:<user id>:<key>`:
 * the same key from two users makes two independent commands, and nobody learns from a 409 that
 * another user's key exists (#10, defect 8). The services' own keys (a strategy's orders,
 * `<investment id>:<asset id>`) never start with `user:`.
 */
const SCOPED = /^user:[^:]+:/;

export function scopedIdempotencyKey(userId: string, clientKey: string): string {
  return `user:${userId}:${clientKey}`;
}

/** The key as the client sent it (what it matches its optimistic order on). */
export function clientIdempotencyKey(serviceKey: string): string {
  return serviceKey.replace(SCOPED, '');
}
