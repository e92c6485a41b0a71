import { describe, expect, it } from 'vitest';
import { orderSnapshot } from './messages.ts';

const snapshot = {
  id: 'o-1',
  accountId: 'a-1',
  assetId: 'A',
  side: 'buy',
  type: 'market',
  quantity: '1',
  amountMinor: null,
  limitPrice: null,
  currency: 'EUR',
  status: 'cancelled',
  statusReason: 'CANCELED',
  cancelRequested: false,
  feeMinor: null,
  fillPrice: null,
  filledQuantity: null,
  source: { kind: 'customer' },
  idempotencyKey: 'k',
  requestedBy: null,
  steps: { createdAt: '2026-01-01T10:00:00.000Z', cancelledAt: '2026-01-01T10:00:01.000Z' },
  version: 2,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:01.000Z',
};

describe('order snapshot', () => {
  it('reads the one spelling, cancelled', () => {
    expect(orderSnapshot.parse(snapshot).status).toBe('cancelled');
  });

  it('respells messages written before as canceled, status and step', () => {
    const old = {
      ...snapshot,
      status: 'canceled',
      steps: { createdAt: snapshot.steps.createdAt, canceledAt: snapshot.steps.cancelledAt },
    };
    const read = orderSnapshot.parse(old);
    expect(read.status).toBe('cancelled');
    expect(read.steps).toEqual(snapshot.steps);
  });

  it('refuses a status no one writes', () => {
    expect(orderSnapshot.safeParse({ ...snapshot, status: 'executed' }).success).toBe(false);
  });
});
