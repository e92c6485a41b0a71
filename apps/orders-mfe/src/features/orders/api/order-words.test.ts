import { describe, expect, it } from 'vitest';
import { orderReason, orderReference } from './order-words.ts';

describe('order words', () => {
  it('drops a reason that only repeats the status, and words the known codes', () => {
    expect(orderReason('CANCELED')).toBeNull();
    expect(orderReason(null)).toBeNull();
    expect(orderReason('INSUFFICIENT_CASH')).toBe('Not enough cash for the order and its fee.');
    expect(orderReason('SOMETHING_NEW')).toBe('Something new.');
    expect(orderReason('Market closed early')).toBe('Market closed early');
  });

  it('gives a short reference a customer can quote', () => {
    expect(orderReference({ id: '3f2a9c1b-0d4e-4a7b-9c2d-1e2f3a4b5c6d' })).toBe('3f2a9c1b');
  });
});
