import { createHash } from 'node:crypto';

/**
 * A stable bucket 0..99 for a user (or visitor) and a fragment, so a canary of N% always shows
 * to the same users, and a 10% canary's users are also in a later 50% one.
 */
export function canaryBucket(subject: string, fragment: string): number {
  const digest = createHash('sha256').update(`${subject}\0${fragment}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export function inCanary(subject: string, fragment: string, percent: number): boolean {
  return canaryBucket(subject, fragment) < percent;
}
