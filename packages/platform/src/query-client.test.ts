import { describe, expect, it } from 'vitest';
import { createQueryClient } from './query-client.ts';

describe('createQueryClient', () => {
  it('does not retry client errors but retries a server error once more', () => {
    const retry = createQueryClient().getDefaultOptions().queries?.retry;
    if (typeof retry !== 'function') throw new Error('expected a retry function');
    expect(retry(0, Object.assign(new Error('not found'), { status: 404 }))).toBe(false);
    expect(retry(0, Object.assign(new Error('down'), { status: 503 }))).toBe(true);
    expect(retry(2, new Error('network'))).toBe(false);
  });
});
