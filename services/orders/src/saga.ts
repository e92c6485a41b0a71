import type { AnyEnvelope, Envelope } from '@simplebank/events';
import { SAGA_REPLY_TYPES, decide, isSagaReply, type SagaCommand } from '@simplebank/order-saga';
import type { Queryable } from '@simplebank/service-kit';
import type { Order, SagaStep } from './model.ts';
import { command, readForStep, saveOrder } from './store.ts';

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

const COMMANDS: Record<SagaCommand, (o: Order) => Envelope> = {
  reserve: reserveCommand,
  charge: chargeCommand,
  place: placeCommand,
  cancelAtMarket: cancelAtMarketCommand,
  settle: settleCommand,
  reverseFee: reverseFeeCommand,
  release: releaseCommand,
};

/**
 * Advances an order's saga on a reply from accounts or the market: reads the order, asks the
 * decision table (packages/order-saga) and saves what it decided. A reply that does not fit the
 * step the saga is at (a duplicate, or an answer to a command sent again) changes nothing, and a
 * reply the consumer has handled already (its inbox) is skipped.
 *
 * Two statements and no transaction: the read, then one write that applies only if the order row
 * is still the one read, and records the reply in the inbox with the change (store.ts, saveOrder).
 * When something changed the order in between (a cancel, a resend, a redelivered reply handled
 * side by side), the step is decided again on what is there now.
 * Returns whether the reply moved the saga on.
 */
export async function handleSagaReply(
  db: Queryable,
  consumer: string,
  message: AnyEnvelope,
  onStep?: SagaStepObserver,
): Promise<boolean> {
  if (!isSagaReply(message)) return false;
  const orderId = (message.data as { orderId?: string }).orderId;
  if (!orderId) return false;
  for (;;) {
    const read = await readForStep(db, orderId, consumer, message.id);
    if (!read || read.seen) return false;
    const o = read.order;
    const decision = decide(o, message, new Date().toISOString());
    if (!decision) return false;
    const saved = await saveOrder(
      db,
      decision.next,
      {
        ...(decision.event ? { event: decision.event } : {}),
        commands: decision.commands.map((name) => COMMANDS[name](decision.next)),
        log: decision.log,
      },
      { rowVersion: read.rowVersion, consumer, messageId: message.id },
    );
    if (!saved) continue;
    // The order was last saved when it entered its current step: the wait is that step's duration.
    onStep?.(o.sagaStep, message.type.split('.').pop()!, (Date.now() - o.updatedAt.getTime()) / 1000);
    return true;
  }
}

/** Told of each reply that moved a saga on: the step it ended, the reply, and how long the step took. */
export type SagaStepObserver = (step: SagaStep, reply: string, seconds: number) => void;

/** Message types the saga listens to. */
export { SAGA_REPLY_TYPES };
