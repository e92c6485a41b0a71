import { describe, expect, it } from 'vitest';
import { orderStatus, serviceStatusFilter, toInvestment, toOrder } from '../src/downstream/mapping.ts';
import { orderView } from './sockets.ts';

// The one mapping from the orders service's order to the BFF's (openapi/services/orders.yaml → openapi/bff.yaml).
describe('order mapping', () => {
  const base = orderView('o-1', 'a-1', 5);

  it('keeps the fill and the settlement as two distinct steps', () => {
    const order = toOrder({
      ...base,
      status: 'completed',
      steps: {
        createdAt: '2026-01-01T10:00:00.000Z',
        reservedAt: '2026-01-01T10:00:01.000Z',
        feeChargedAt: '2026-01-01T10:00:02.000Z',
        placedAt: '2026-01-01T10:00:03.000Z',
        executedAt: '2026-01-01T10:00:04.000Z',
        completedAt: '2026-01-01T10:00:05.000Z',
      },
    });
    expect(order.steps.map((s) => [s.step, s.status])).toEqual([
      ['created', 'pending'],
      ['reserved', 'reserved'],
      ['placed', 'placed'],
      ['executed', 'placed'],
      ['completed', 'completed'],
    ]);
    expect(order.status).toBe('completed');
  });

  it('spells a cancelled order and its step as the services do', () => {
    const order = toOrder({
      ...base,
      status: 'cancelled',
      steps: {
        createdAt: '2026-01-01T10:00:00.000Z',
        cancelRequestedAt: '2026-01-01T10:00:01.000Z',
        cancelledAt: '2026-01-01T10:00:02.000Z',
      },
    });
    expect(order.status).toBe('cancelled');
    expect(order.steps.map((s) => s.status)).toEqual(['pending', 'cancelling', 'cancelled']);
  });

  it('derives reserved and cancelling from the steps and the flag', () => {
    expect(orderStatus({ status: 'pending', cancelRequested: false, steps: { reservedAt: 'x' } })).toBe(
      'reserved',
    );
    expect(orderStatus({ status: 'placed', cancelRequested: true, steps: {} })).toBe('cancelling');
    expect(orderStatus({ status: 'expired', cancelRequested: false, steps: {} })).toBe('expired');
  });

  it('asks the service for the statuses it knows', () => {
    expect(serviceStatusFilter('reserved')).toBe('pending');
    expect(serviceStatusFilter('cancelling')).toBe('open');
    expect(serviceStatusFilter('cancelled')).toBe('cancelled');
  });

  it("shows an investment's planned orders as pending and its cancelled ones as cancelled", () => {
    const investment = toInvestment({
      id: 'i-1',
      strategyId: 's-1',
      accountId: 'a-1',
      amountMinor: 10000,
      funding: 'cash',
      requestedBy: 'u-1',
      paymentId: null,
      status: 'failed',
      failureReason: 'PAYMENT_FAILED',
      orders: [
        { orderId: 'o-1', assetId: 'A', amountMinor: 5000, status: 'cancelled', reason: 'PAYMENT_FAILED' },
        { orderId: 'o-2', assetId: 'B', amountMinor: 5000, status: 'planned', reason: null },
      ],
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
      version: 1,
    });
    expect(investment.orders.map((o) => o.status)).toEqual(['cancelled', 'pending']);
  });
});
