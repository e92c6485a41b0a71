import type { AnyEnvelope, Envelope } from '@simplebank/events';
import type { Queryable } from '@simplebank/service-kit';
import type { Order, SagaStep } from './model.ts';
import { command, lockOrder, saveOrder } from './store.ts';

// Commands of each step. Receivers are idempotent per order (a repeated command is answered with
// the outcome recorded the first time), so a step can always be sent again.
export const reserveCommand = (o: Order) =>
  command(
    'cmd.accounts.Reserve',
    {
      orderId: o.id,
      accountId: o.accountId,
      side: o.side,
      assetId: o.assetId,
      quantity: o.quantity,
      amountMinor: o.amountMinor,
      estimatedPrice: o.estimatedPrice,
      currency: o.currency,
    },
    o.id,
  );
const chargeCommand = (o: Order) => command('cmd.accounts.ChargeFee', { orderId: o.id }, o.id);
const placeCommand = (o: Order) =>
  command(
    'cmd.market.PlaceOrder',
    {
      orderId: o.id,
      assetId: o.assetId,
      side: o.side,
      type: o.type,
      quantity: o.quantity,
      amountMinor: o.amountMinor,
      limitPrice: o.limitPrice,
      priceCap: o.priceCap,
    },
    o.id,
  );
export const cancelAtMarketCommand = (o: Order) => command('cmd.market.CancelOrder', { orderId: o.id }, o.id);
const reverseFeeCommand = (o: Order) => command('cmd.accounts.ReverseFee', { orderId: o.id }, o.id);
const releaseCommand = (o: Order) => command('cmd.accounts.ReleaseReservation', { orderId: o.id }, o.id);
const settleCommand = (o: Order) =>
  command(
    'cmd.accounts.SettleTrade',
    { orderId: o.id, tradeId: o.tradeId!, price: o.fillPrice!, quantity: o.filledQuantity! },
    o.id,
  );

/** What to send again for an order whose saga waits at its current step (resume, retry). */
export function commandsToResume(o: Order): Envelope[] {
  switch (o.sagaStep) {
    case 'reserving':
      return [reserveCommand(o)];
    case 'charging':
      return [chargeCommand(o)];
    case 'placing':
      return [placeCommand(o), ...(o.cancelRequested ? [cancelAtMarketCommand(o)] : [])];
    case 'placed':
      // The market answers a repeated PlaceOrder with what happened to it since.
      return [placeCommand(o), ...(o.cancelRequested ? [cancelAtMarketCommand(o)] : [])];
    case 'settling':
      return [settleCommand(o)];
    case 'reversing':
      return [reverseFeeCommand(o)];
    case 'releasing':
      return [releaseCommand(o)];
    case 'done':
      return [];
  }
}

const stamp = (o: Order, name: string): Record<string, string> => ({
  ...o.steps,
  [name]: new Date().toISOString(),
});

/**
 * Advances an order's saga on a reply from accounts or the market. A reply that does not fit the
 * step the saga is at (a duplicate, or an answer to a command sent again) changes nothing.
 */
export async function handleSagaReply(
  tx: Queryable,
  message: AnyEnvelope,
  onStep?: SagaStepObserver,
): Promise<boolean> {
  const orderId = (message.data as { orderId?: string }).orderId;
  if (!orderId) return false;
  const o = await lockOrder(tx, orderId);
  if (!o) return false;
  const applied = await advance(tx, o, message);
  // The order was last saved when it entered its current step: the wait is that step's duration.
  if (applied)
    onStep?.(o.sagaStep, message.type.split('.').pop()!, (Date.now() - o.updatedAt.getTime()) / 1000);
  return applied;
}

/** Told of each reply that moved a saga on: the step it ended, the reply, and how long the step took. */
export type SagaStepObserver = (step: SagaStep, reply: string, seconds: number) => void;

async function advance(tx: Queryable, o: Order, message: AnyEnvelope): Promise<boolean> {
  const at = o.sagaStep;
  const ignore = async () => false;

  switch (message.type) {
    case 'evt.accounts.ReservationMade': {
      if (at !== 'reserving') return ignore();
      if (o.status === 'cancelled') {
        const next: Order = { ...o, sagaStep: 'releasing' };
        await saveOrder(tx, next, {
          commands: [releaseCommand(next)],
          log: { step: 'reserved; releasing (cancelled)' },
        });
        return true;
      }
      const next: Order = { ...o, sagaStep: 'charging', steps: stamp(o, 'reservedAt') };
      await saveOrder(tx, next, {
        commands: [chargeCommand(next)],
        log: { step: 'reserved', detail: { ...message.data } },
      });
      return true;
    }
    case 'evt.accounts.ReservationFailed': {
      if (at !== 'reserving') return ignore();
      if (o.status === 'cancelled') {
        await saveOrder(
          tx,
          { ...o, sagaStep: 'done' },
          {
            log: { step: 'reservation failed (already cancelled)', detail: { reason: message.data.reason } },
          },
        );
        return true;
      }
      const next: Order = {
        ...o,
        status: 'rejected',
        statusReason: message.data.reason,
        sagaStep: 'done',
        steps: stamp(o, 'rejectedAt'),
      };
      await saveOrder(tx, next, {
        event: 'evt.orders.OrderRejected',
        log: { step: 'rejected', detail: { reason: message.data.reason } },
      });
      return true;
    }
    case 'evt.accounts.FeeCharged': {
      if (at !== 'charging') return ignore();
      if (o.status === 'cancelled') {
        const next: Order = { ...o, feeMinor: message.data.feeMinor, sagaStep: 'reversing' };
        await saveOrder(tx, next, {
          commands: [reverseFeeCommand(next)],
          log: { step: 'fee charged; reversing (cancelled)', detail: { feeMinor: message.data.feeMinor } },
        });
        return true;
      }
      const next: Order = {
        ...o,
        feeMinor: message.data.feeMinor,
        sagaStep: 'placing',
        steps: stamp(o, 'feeChargedAt'),
      };
      await saveOrder(tx, next, {
        commands: [placeCommand(next)],
        log: { step: 'fee charged; sent to market', detail: { feeMinor: message.data.feeMinor } },
      });
      return true;
    }
    case 'evt.accounts.ChargeFailed': {
      if (at !== 'charging') return ignore();
      const cancelled = o.status === 'cancelled';
      const next: Order = cancelled
        ? { ...o, sagaStep: 'releasing' }
        : {
            ...o,
            status: 'rejected',
            statusReason: `CHARGE_FAILED_${message.data.reason}`,
            sagaStep: 'releasing',
            steps: stamp(o, 'rejectedAt'),
          };
      await saveOrder(tx, next, {
        ...(cancelled ? {} : { event: 'evt.orders.OrderRejected' as const }),
        commands: [releaseCommand(next)],
        log: { step: 'fee charge failed; releasing', detail: { reason: message.data.reason } },
      });
      return true;
    }
    case 'evt.market.OrderPlaced': {
      if (at !== 'placing') return ignore();
      const next: Order = { ...o, status: 'placed', sagaStep: 'placed', steps: stamp(o, 'placedAt') };
      await saveOrder(tx, next, { event: 'evt.orders.OrderPlaced', log: { step: 'placed at market' } });
      return true;
    }
    case 'evt.market.TradeExecuted': {
      if (at !== 'placing' && at !== 'placed') return ignore();
      const d = message.data;
      const next: Order = {
        ...o,
        status: 'placed',
        fillPrice: d.price,
        filledQuantity: d.quantity,
        tradeId: d.tradeId,
        sagaStep: 'settling',
        steps: {
          ...stamp(o, 'executedAt'),
          ...(o.steps.placedAt ? {} : { placedAt: new Date().toISOString() }),
        },
      };
      await saveOrder(tx, next, {
        commands: [settleCommand(next)],
        log: {
          step: 'executed; settling',
          detail: { price: d.price, quantity: d.quantity, tradeId: d.tradeId },
        },
      });
      return true;
    }
    case 'evt.accounts.TradeSettled': {
      if (at !== 'settling') return ignore();
      const next: Order = {
        ...o,
        status: 'completed',
        statusReason: null,
        sagaStep: 'done',
        steps: stamp(o, 'completedAt'),
      };
      await saveOrder(tx, next, {
        event: 'evt.orders.OrderCompleted',
        log: { step: 'completed', detail: { cashDeltaMinor: message.data.cashDeltaMinor } },
      });
      return true;
    }
    case 'evt.market.OrderFailed':
    case 'evt.market.OrderExpired':
    case 'evt.market.OrderCanceled': {
      if (at !== 'placing' && at !== 'placed') return ignore();
      const outcome =
        message.type === 'evt.market.OrderFailed'
          ? {
              status: 'failed' as const,
              reason: message.data.reason,
              event: 'evt.orders.OrderFailed' as const,
              stepName: 'failedAt',
            }
          : message.type === 'evt.market.OrderExpired'
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
      const next: Order = {
        ...o,
        status: outcome.status,
        statusReason: outcome.reason,
        sagaStep: 'reversing',
        steps: stamp(o, outcome.stepName),
      };
      await saveOrder(tx, next, {
        event: outcome.event,
        commands: [reverseFeeCommand(next)],
        log: { step: `${outcome.status} at market; reversing fee`, detail: { reason: outcome.reason } },
      });
      return true;
    }
    case 'evt.accounts.FeeReversed': {
      if (at !== 'reversing') return ignore();
      const next: Order = { ...o, sagaStep: 'releasing' };
      await saveOrder(tx, next, {
        commands: [releaseCommand(next)],
        log: { step: 'fee reversed; releasing', detail: { feeMinor: message.data.feeMinor } },
      });
      return true;
    }
    case 'evt.accounts.ReservationReleased': {
      if (at !== 'releasing') return ignore();
      await saveOrder(tx, { ...o, sagaStep: 'done' }, { log: { step: 'reservation released; saga done' } });
      return true;
    }
    default:
      return ignore();
  }
}

/** Message types the saga listens to. */
export const SAGA_REPLY_TYPES = new Set<string>([
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
