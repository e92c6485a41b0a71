// The place-order saga as a decision table (docs/DOMAIN.md, Placing an order): given where an
// order's saga stands and a reply from accounts or the market, what the order becomes, which event
// announces it, which commands go out and what the saga log says. No database, no clock, no ids:
// services/orders/src/saga.ts loads and saves around it, the mocks run it in memory.

export type SagaStep =
  'reserving' | 'charging' | 'placing' | 'placed' | 'settling' | 'reversing' | 'releasing' | 'done';

export type SagaStatus = 'pending' | 'placed' | 'completed' | 'rejected' | 'failed' | 'cancelled' | 'expired';

/** What the saga reads and writes of an order; the rest of the order passes through untouched. */
export interface SagaState {
  status: SagaStatus;
  statusReason: string | null;
  sagaStep: SagaStep;
  feeMinor: number | null;
  fillPrice: string | null;
  filledQuantity: string | null;
  tradeId: string | null;
  /** When each step was reached (openapi/services/orders.yaml, OrderSteps). */
  steps: Record<string, string>;
}

/** The replies the saga listens to (packages/events/src/messages.ts), with what it reads of them. */
export type SagaReply =
  | { type: 'evt.accounts.ReservationMade'; data: object }
  | { type: 'evt.accounts.ReservationFailed'; data: { reason: string } }
  | { type: 'evt.accounts.FeeCharged'; data: { feeMinor: number } }
  | { type: 'evt.accounts.ChargeFailed'; data: { reason: string } }
  | { type: 'evt.accounts.FeeReversed'; data: { feeMinor: number } }
  | { type: 'evt.accounts.ReservationReleased'; data: object }
  | { type: 'evt.accounts.TradeSettled'; data: { cashDeltaMinor: number } }
  | { type: 'evt.market.OrderPlaced'; data: object }
  | { type: 'evt.market.TradeExecuted'; data: { price: string; quantity: string; tradeId: string } }
  | { type: 'evt.market.OrderFailed'; data: { reason: string } }
  | { type: 'evt.market.OrderExpired'; data: object }
  | { type: 'evt.market.OrderCanceled'; data: object };

export const SAGA_REPLY_TYPES: ReadonlySet<string> = new Set<SagaReply['type']>([
  'evt.accounts.ReservationMade',
  'evt.accounts.ReservationFailed',
  'evt.accounts.FeeCharged',
  'evt.accounts.ChargeFailed',
  'evt.accounts.FeeReversed',
  'evt.accounts.ReservationReleased',
  'evt.accounts.TradeSettled',
  'evt.market.OrderPlaced',
  'evt.market.TradeExecuted',
  'evt.market.OrderFailed',
  'evt.market.OrderExpired',
  'evt.market.OrderCanceled',
]);

/** The commands a step sends; the caller builds the messages (ids, tracing) from the next state. */
export type SagaCommand =
  'reserve' | 'charge' | 'place' | 'cancelAtMarket' | 'settle' | 'reverseFee' | 'release';

export type SagaEvent =
  | 'evt.orders.OrderRejected'
  | 'evt.orders.OrderPlaced'
  | 'evt.orders.OrderCompleted'
  | 'evt.orders.OrderFailed'
  | 'evt.orders.OrderExpired'
  | 'evt.orders.OrderCanceled';

export interface Decision<S extends SagaState> {
  next: S;
  /** The event announcing a status change, when there is one. */
  event?: SagaEvent;
  commands: SagaCommand[];
  log: { step: string; detail?: Record<string, unknown> };
}

const stamp = (o: SagaState, name: string, at: string): Record<string, string> => ({
  ...o.steps,
  [name]: at,
});

/**
 * The saga's move on a reply, or null when the reply does not fit the step it is at (a duplicate,
 * or an answer to a command sent again): then nothing changes. `at` is the time the move happens.
 */
export function decide<S extends SagaState>(o: S, reply: SagaReply, at: string): Decision<S> | null {
  const step = o.sagaStep;
  const cancelled = o.status === 'cancelled';
  switch (reply.type) {
    case 'evt.accounts.ReservationMade':
      if (step !== 'reserving') return null;
      if (cancelled)
        return {
          next: { ...o, sagaStep: 'releasing' },
          commands: ['release'],
          log: { step: 'reserved; releasing (cancelled)' },
        };
      return {
        next: { ...o, sagaStep: 'charging', steps: stamp(o, 'reservedAt', at) },
        commands: ['charge'],
        log: { step: 'reserved', detail: { ...reply.data } },
      };
    case 'evt.accounts.ReservationFailed':
      if (step !== 'reserving') return null;
      if (cancelled)
        return {
          next: { ...o, sagaStep: 'done' },
          commands: [],
          log: { step: 'reservation failed (already cancelled)', detail: { reason: reply.data.reason } },
        };
      return {
        next: {
          ...o,
          status: 'rejected',
          statusReason: reply.data.reason,
          sagaStep: 'done',
          steps: stamp(o, 'rejectedAt', at),
        },
        event: 'evt.orders.OrderRejected',
        commands: [],
        log: { step: 'rejected', detail: { reason: reply.data.reason } },
      };
    case 'evt.accounts.FeeCharged': {
      if (step !== 'charging') return null;
      const feeMinor = reply.data.feeMinor;
      if (cancelled)
        return {
          next: { ...o, feeMinor, sagaStep: 'reversing' },
          commands: ['reverseFee'],
          log: { step: 'fee charged; reversing (cancelled)', detail: { feeMinor } },
        };
      return {
        next: { ...o, feeMinor, sagaStep: 'placing', steps: stamp(o, 'feeChargedAt', at) },
        commands: ['place'],
        log: { step: 'fee charged; sent to market', detail: { feeMinor } },
      };
    }
    case 'evt.accounts.ChargeFailed':
      if (step !== 'charging') return null;
      return {
        next: cancelled
          ? { ...o, sagaStep: 'releasing' }
          : {
              ...o,
              status: 'rejected',
              statusReason: `CHARGE_FAILED_${reply.data.reason}`,
              sagaStep: 'releasing',
              steps: stamp(o, 'rejectedAt', at),
            },
        ...(cancelled ? {} : { event: 'evt.orders.OrderRejected' as const }),
        commands: ['release'],
        log: { step: 'fee charge failed; releasing', detail: { reason: reply.data.reason } },
      };
    case 'evt.market.OrderPlaced':
      if (step !== 'placing') return null;
      return {
        next: { ...o, status: 'placed', sagaStep: 'placed', steps: stamp(o, 'placedAt', at) },
        event: 'evt.orders.OrderPlaced',
        commands: [],
        log: { step: 'placed at market' },
      };
    case 'evt.market.TradeExecuted': {
      if (step !== 'placing' && step !== 'placed') return null;
      const { price, quantity, tradeId } = reply.data;
      return {
        next: {
          ...o,
          status: 'placed',
          fillPrice: price,
          filledQuantity: quantity,
          tradeId,
          sagaStep: 'settling',
          // A fill can overtake the placement's own reply: it was placed by then.
          steps: { ...stamp(o, 'executedAt', at), ...(o.steps.placedAt ? {} : { placedAt: at }) },
        },
        commands: ['settle'],
        log: { step: 'executed; settling', detail: { price, quantity, tradeId } },
      };
    }
    case 'evt.accounts.TradeSettled':
      if (step !== 'settling') return null;
      return {
        next: {
          ...o,
          status: 'completed',
          statusReason: null,
          sagaStep: 'done',
          steps: stamp(o, 'completedAt', at),
        },
        event: 'evt.orders.OrderCompleted',
        commands: [],
        log: { step: 'completed', detail: { cashDeltaMinor: reply.data.cashDeltaMinor } },
      };
    case 'evt.market.OrderFailed':
    case 'evt.market.OrderExpired':
    case 'evt.market.OrderCanceled': {
      if (step !== 'placing' && step !== 'placed') return null;
      const outcome =
        reply.type === 'evt.market.OrderFailed'
          ? {
              status: 'failed' as const,
              reason: reply.data.reason,
              event: 'evt.orders.OrderFailed' as const,
              stepName: 'failedAt',
            }
          : reply.type === 'evt.market.OrderExpired'
            ? {
                status: 'expired' as const,
                reason: 'EXPIRED',
                event: 'evt.orders.OrderExpired' as const,
                stepName: 'expiredAt',
              }
            : {
                status: 'cancelled' as const,
                reason: 'CANCELED',
                event: 'evt.orders.OrderCanceled' as const,
                stepName: 'cancelledAt',
              };
      return {
        next: {
          ...o,
          status: outcome.status,
          statusReason: outcome.reason,
          sagaStep: 'reversing',
          steps: stamp(o, outcome.stepName, at),
        },
        event: outcome.event,
        commands: ['reverseFee'],
        log: { step: `${outcome.status} at market; reversing fee`, detail: { reason: outcome.reason } },
      };
    }
    case 'evt.accounts.FeeReversed':
      if (step !== 'reversing') return null;
      return {
        next: { ...o, sagaStep: 'releasing' },
        commands: ['release'],
        log: { step: 'fee reversed; releasing', detail: { feeMinor: reply.data.feeMinor } },
      };
    case 'evt.accounts.ReservationReleased':
      if (step !== 'releasing') return null;
      return {
        next: { ...o, sagaStep: 'done' },
        commands: [],
        log: { step: 'reservation released; saga done' },
      };
  }
}

/** True for a message the saga listens to. */
export function isSagaReply(message: { type: string }): message is SagaReply {
  return SAGA_REPLY_TYPES.has(message.type);
}
