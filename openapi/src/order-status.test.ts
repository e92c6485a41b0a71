import { expect, test } from 'vitest';
import {
  FINAL_ORDER_STATUSES,
  ORDER_STATUSES,
  isFinalInvestmentStatus,
  investmentOutcome,
  isFinalOrderStatus,
} from './index.ts';

test('names every order status once, and which of them are final', () => {
  expect(ORDER_STATUSES).toEqual([
    'pending',
    'reserved',
    'placed',
    'cancelling',
    'completed',
    'rejected',
    'failed',
    'cancelled',
    'expired',
  ]);
  expect(FINAL_ORDER_STATUSES).toEqual(['completed', 'rejected', 'failed', 'cancelled', 'expired']);
  expect(isFinalOrderStatus('cancelled')).toBe(true);
  expect(isFinalOrderStatus('cancelling')).toBe(false);
  expect(isFinalOrderStatus('placed')).toBe(false);
  // Not a status: a strategy's order not placed yet, the old spelling, an inherited property.
  expect(isFinalOrderStatus('planned')).toBe(false);
  expect(isFinalOrderStatus('canceled')).toBe(false);
  expect(isFinalOrderStatus('toString')).toBe(false);
});

test('says which investment statuses are final', () => {
  expect(isFinalInvestmentStatus('partially_completed')).toBe(true);
  expect(isFinalInvestmentStatus('failed')).toBe(true);
  expect(isFinalInvestmentStatus('investing')).toBe(false);
});

test('an investment comes to what its orders came to, once every one is final', () => {
  expect(investmentOutcome(['completed', 'completed'])).toBe('completed');
  expect(investmentOutcome(['completed', 'rejected'])).toBe('partially_completed');
  expect(investmentOutcome(['failed', 'cancelled'])).toBe('failed');
  expect(investmentOutcome(['completed', 'placed'])).toBeNull();
  expect(investmentOutcome(['completed', 'planned'])).toBeNull();
});
