import { describe, expect, it } from 'vitest';
import { decide, type SagaReply, type SagaState, type SagaStatus, type SagaStep } from './decide.ts';

const AT = '2026-01-01T10:00:05.000Z';
const state = (sagaStep: SagaStep, status: SagaStatus = 'pending', steps = {}): SagaState => ({
  status,
  statusReason: null,
  sagaStep,
  feeMinor: null,
  fillPrice: null,
  filledQuantity: null,
  tradeId: null,
  steps: { createdAt: '2026-01-01T10:00:00.000Z', ...steps },
});

const replies = {
  reserved: { type: 'evt.accounts.ReservationMade', data: { orderId: 'o-1' } },
  reserveFailed: { type: 'evt.accounts.ReservationFailed', data: { reason: 'INSUFFICIENT_CASH' } },
  feeCharged: { type: 'evt.accounts.FeeCharged', data: { feeMinor: 150 } },
  chargeFailed: { type: 'evt.accounts.ChargeFailed', data: { reason: 'NO_CASH' } },
  placed: { type: 'evt.market.OrderPlaced', data: {} },
  executed: { type: 'evt.market.TradeExecuted', data: { price: '10.5', quantity: '2', tradeId: 't-1' } },
  settled: { type: 'evt.accounts.TradeSettled', data: { cashDeltaMinor: -2250 } },
  marketFailed: { type: 'evt.market.OrderFailed', data: { reason: 'MARKET_REJECTED' } },
  expired: { type: 'evt.market.OrderExpired', data: {} },
  marketCancelled: { type: 'evt.market.OrderCanceled', data: {} },
  feeReversed: { type: 'evt.accounts.FeeReversed', data: { feeMinor: 150 } },
  released: { type: 'evt.accounts.ReservationReleased', data: {} },
} satisfies Record<string, SagaReply>;

type Row = {
  from: SagaStep;
  status?: SagaStatus;
  reply: keyof typeof replies;
  to: SagaStep;
  nextStatus: SagaStatus;
  event?: string;
  commands: string[];
  stamped?: string;
};

// Every transition of the saga, its compensations and what a cancel before the reply changes.
const TRANSITIONS: Row[] = [
  {
    from: 'reserving',
    reply: 'reserved',
    to: 'charging',
    nextStatus: 'pending',
    commands: ['charge'],
    stamped: 'reservedAt',
  },
  {
    from: 'reserving',
    status: 'cancelled',
    reply: 'reserved',
    to: 'releasing',
    nextStatus: 'cancelled',
    commands: ['release'],
  },
  {
    from: 'reserving',
    reply: 'reserveFailed',
    to: 'done',
    nextStatus: 'rejected',
    event: 'evt.orders.OrderRejected',
    commands: [],
    stamped: 'rejectedAt',
  },
  {
    from: 'reserving',
    status: 'cancelled',
    reply: 'reserveFailed',
    to: 'done',
    nextStatus: 'cancelled',
    commands: [],
  },
  {
    from: 'charging',
    reply: 'feeCharged',
    to: 'placing',
    nextStatus: 'pending',
    commands: ['place'],
    stamped: 'feeChargedAt',
  },
  {
    from: 'charging',
    status: 'cancelled',
    reply: 'feeCharged',
    to: 'reversing',
    nextStatus: 'cancelled',
    commands: ['reverseFee'],
  },
  {
    from: 'charging',
    reply: 'chargeFailed',
    to: 'releasing',
    nextStatus: 'rejected',
    event: 'evt.orders.OrderRejected',
    commands: ['release'],
    stamped: 'rejectedAt',
  },
  {
    from: 'charging',
    status: 'cancelled',
    reply: 'chargeFailed',
    to: 'releasing',
    nextStatus: 'cancelled',
    commands: ['release'],
  },
  {
    from: 'placing',
    reply: 'placed',
    to: 'placed',
    nextStatus: 'placed',
    event: 'evt.orders.OrderPlaced',
    commands: [],
    stamped: 'placedAt',
  },
  {
    from: 'placing',
    reply: 'executed',
    to: 'settling',
    nextStatus: 'placed',
    commands: ['settle'],
    stamped: 'executedAt',
  },
  {
    from: 'placed',
    status: 'placed',
    reply: 'executed',
    to: 'settling',
    nextStatus: 'placed',
    commands: ['settle'],
    stamped: 'executedAt',
  },
  {
    from: 'settling',
    status: 'placed',
    reply: 'settled',
    to: 'done',
    nextStatus: 'completed',
    event: 'evt.orders.OrderCompleted',
    commands: [],
    stamped: 'completedAt',
  },
  {
    from: 'placing',
    reply: 'marketFailed',
    to: 'reversing',
    nextStatus: 'failed',
    event: 'evt.orders.OrderFailed',
    commands: ['reverseFee'],
    stamped: 'failedAt',
  },
  {
    from: 'placed',
    status: 'placed',
    reply: 'expired',
    to: 'reversing',
    nextStatus: 'expired',
    event: 'evt.orders.OrderExpired',
    commands: ['reverseFee'],
    stamped: 'expiredAt',
  },
  {
    from: 'placed',
    status: 'placed',
    reply: 'marketCancelled',
    to: 'reversing',
    nextStatus: 'cancelled',
    event: 'evt.orders.OrderCanceled',
    commands: ['reverseFee'],
    stamped: 'cancelledAt',
  },
  {
    from: 'placed',
    status: 'placed',
    reply: 'marketFailed',
    to: 'reversing',
    nextStatus: 'failed',
    event: 'evt.orders.OrderFailed',
    commands: ['reverseFee'],
    stamped: 'failedAt',
  },
  {
    from: 'placing',
    reply: 'expired',
    to: 'reversing',
    nextStatus: 'expired',
    event: 'evt.orders.OrderExpired',
    commands: ['reverseFee'],
    stamped: 'expiredAt',
  },
  {
    from: 'placing',
    reply: 'marketCancelled',
    to: 'reversing',
    nextStatus: 'cancelled',
    event: 'evt.orders.OrderCanceled',
    commands: ['reverseFee'],
    stamped: 'cancelledAt',
  },
  {
    from: 'reversing',
    status: 'failed',
    reply: 'feeReversed',
    to: 'releasing',
    nextStatus: 'failed',
    commands: ['release'],
  },
  { from: 'releasing', status: 'failed', reply: 'released', to: 'done', nextStatus: 'failed', commands: [] },
];

describe('the saga decision table', () => {
  it.each(TRANSITIONS)(
    'at $from ($status) on $reply: $to, $nextStatus, sends $commands',
    ({ from, status, reply, to, nextStatus, event, commands, stamped }) => {
      const before = state(from, status);
      const decision = decide(before, replies[reply], AT);
      expect(decision).not.toBeNull();
      expect(decision!.next.sagaStep).toBe(to);
      expect(decision!.next.status).toBe(nextStatus);
      expect(decision!.event).toBe(event);
      expect(decision!.commands).toEqual(commands);
      expect(decision!.log.step).toBeTruthy();
      if (stamped) expect(decision!.next.steps[stamped]).toBe(AT);
      else expect(decision!.next.steps).toEqual(before.steps);
    },
  );

  it('ignores every reply that does not fit the step (duplicates, answers to repeated commands)', () => {
    const steps: SagaStep[] = [
      'reserving',
      'charging',
      'placing',
      'placed',
      'settling',
      'reversing',
      'releasing',
      'done',
    ];
    for (const from of steps)
      for (const [name, reply] of Object.entries(replies)) {
        const fits = TRANSITIONS.some((row) => row.from === from && row.reply === name);
        const decision = decide(
          state(from, from === 'placed' || from === 'settling' ? 'placed' : 'pending'),
          reply,
          AT,
        );
        expect(decision === null, `${from} on ${name}`).toBe(!fits);
      }
  });

  it('records the fee, the fill and the reasons it was told', () => {
    expect(decide(state('charging'), replies.feeCharged, AT)!.next.feeMinor).toBe(150);
    const filled = decide(state('placed', 'placed', { placedAt: AT }), replies.executed, AT)!.next;
    expect(filled).toMatchObject({ fillPrice: '10.5', filledQuantity: '2', tradeId: 't-1' });
    expect(decide(state('charging'), replies.chargeFailed, AT)!.next.statusReason).toBe(
      'CHARGE_FAILED_NO_CASH',
    );
    expect(decide(state('placing'), replies.marketFailed, AT)!.next.statusReason).toBe('MARKET_REJECTED');
    expect(decide(state('settling', 'placed'), replies.settled, AT)!.next.statusReason).toBeNull();
  });

  it('stamps the placement when the fill overtakes it, and keeps an earlier one', () => {
    expect(decide(state('placing'), replies.executed, AT)!.next.steps.placedAt).toBe(AT);
    const earlier = '2026-01-01T10:00:03.000Z';
    expect(
      decide(state('placed', 'placed', { placedAt: earlier }), replies.executed, AT)!.next.steps.placedAt,
    ).toBe(earlier);
  });

  it('keeps the fields it does not own', () => {
    const order = { ...state('reserving'), id: 'o-1', quantity: '2' };
    expect(decide(order, replies.reserved, AT)!.next).toMatchObject({ id: 'o-1', quantity: '2' });
  });
});
