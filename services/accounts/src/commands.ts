import Decimal from 'decimal.js';
import {
  createMessage,
  type AnyEnvelope,
  type Envelope,
  type MessageData,
  type MessageType,
} from '@simplebank/events';
import type { Queryable } from '@simplebank/service-kit';
import { feeForNotional, notionalMinor } from './fees.ts';
import { completePayment, failPayment, insertPayment } from './payments.ts';

interface ReservationRow {
  order_id: string;
  account_id: string;
  side: 'buy' | 'sell';
  asset_id: string;
  status: 'active' | 'released' | 'settled' | 'failed';
  failure_reason: string | null;
  amount_minor: number;
  quantity: string;
  estimated_fee_minor: number;
  fee_status: 'none' | 'charged' | 'reversed' | 'failed';
  fee_minor: number;
  trade_id: string | null;
  cash_delta_minor: number | null;
  settled_quantity: string | null;
}

type Reply = Envelope;

function reply<T extends MessageType>(cause: AnyEnvelope, type: T, data: MessageData<T>): Reply {
  return createMessage(type, data, {
    source: 'accounts',
    correlationId: cause.correlationId,
  });
}

const qty = (v: string) => new Decimal(v).toFixed();

const Exact = Decimal.clone({ precision: 60 });

/**
 * Average-cost method: selling `sold` of `held` removes `costBasisMinor × sold / held` of the cost basis,
 * rounded half-up to a whole minor unit; selling everything removes all of it (no residue left behind).
 */
export function costBasisRemoved(costBasisMinor: number, held: string, sold: string): number {
  const heldQty = new Exact(held);
  const soldQty = new Exact(sold);
  if (heldQty.lte(0) || soldQty.gte(heldQty)) return costBasisMinor;
  const share = new Exact(costBasisMinor).mul(soldQty).div(heldQty).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return Math.min(costBasisMinor, share.toNumber());
}

async function lockReservation(tx: Queryable, orderId: string): Promise<ReservationRow | undefined> {
  const rows = await tx.query<ReservationRow & Record<string, unknown>>(
    'SELECT * FROM reservations WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  return rows[0];
}

/** The answer a repeated Reserve gets: the outcome recorded the first time. */
function reservationOutcome(cause: AnyEnvelope, r: ReservationRow): Reply {
  if (r.status === 'failed') {
    return reply(cause, 'evt.accounts.ReservationFailed', {
      orderId: r.order_id,
      accountId: r.account_id,
      reason: r.failure_reason as 'INSUFFICIENT_CASH',
    });
  }
  return reply(cause, 'evt.accounts.ReservationMade', {
    orderId: r.order_id,
    accountId: r.account_id,
    kind: r.side === 'buy' ? 'cash' : 'holding',
    amountMinor: r.side === 'buy' ? r.amount_minor + (r.fee_status === 'charged' ? r.fee_minor : 0) : 0,
    quantity: qty(r.quantity),
    estimatedFeeMinor: r.estimated_fee_minor,
  });
}

async function reserve(tx: Queryable, cause: Envelope<'cmd.accounts.Reserve'>): Promise<Reply[]> {
  const c = cause.data;
  const existing = await lockReservation(tx, c.orderId);
  if (existing) return [reservationOutcome(cause, existing)];
  const fail = async (
    reason: 'INSUFFICIENT_CASH' | 'INSUFFICIENT_HOLDING' | 'UNKNOWN_ACCOUNT' | 'CURRENCY_MISMATCH',
  ) => {
    await tx.query(
      `INSERT INTO reservations (order_id, account_id, side, asset_id, status, failure_reason) VALUES ($1, $2, $3, $4, 'failed', $5)`,
      [c.orderId, c.accountId, c.side, c.assetId, reason],
    );
    return [
      reply(cause, 'evt.accounts.ReservationFailed', { orderId: c.orderId, accountId: c.accountId, reason }),
    ];
  };
  const [account] = await tx.query<{ currency: string }>('SELECT currency FROM accounts WHERE id = $1', [
    c.accountId,
  ]);
  if (!account) return fail('UNKNOWN_ACCOUNT');
  if (account.currency !== c.currency) return fail('CURRENCY_MISMATCH');

  if (c.side === 'buy') {
    const notional = c.amountMinor ?? notionalMinor(c.quantity ?? '0', c.estimatedPrice, 'up');
    const fee = feeForNotional(notional);
    const total = notional + fee;
    // The condition in the UPDATE is what keeps cash from going negative under concurrency.
    const updated = await tx.query(
      `UPDATE accounts SET cash_available_minor = cash_available_minor - $2, cash_reserved_minor = cash_reserved_minor + $2, version = version + 1
       WHERE id = $1 AND cash_available_minor >= $2 RETURNING id`,
      [c.accountId, total],
    );
    if (updated.length === 0) return fail('INSUFFICIENT_CASH');
    await tx.query(
      `INSERT INTO reservations (order_id, account_id, side, asset_id, status, amount_minor, estimated_fee_minor) VALUES ($1, $2, 'buy', $3, 'active', $4, $5)`,
      [c.orderId, c.accountId, c.assetId, total, fee],
    );
    return [
      reply(cause, 'evt.accounts.ReservationMade', {
        orderId: c.orderId,
        accountId: c.accountId,
        kind: 'cash',
        amountMinor: total,
        quantity: '0',
        estimatedFeeMinor: fee,
      }),
    ];
  }

  const quantity = c.quantity ?? '0';
  const updated = await tx.query(
    `UPDATE holdings SET reserved_quantity = reserved_quantity + $3
     WHERE account_id = $1 AND asset_id = $2 AND quantity - reserved_quantity >= $3 RETURNING asset_id`,
    [c.accountId, c.assetId, quantity],
  );
  if (updated.length === 0) return fail('INSUFFICIENT_HOLDING');
  const fee = feeForNotional(notionalMinor(quantity, c.estimatedPrice, 'half-up'));
  await tx.query(
    `INSERT INTO reservations (order_id, account_id, side, asset_id, status, quantity, estimated_fee_minor) VALUES ($1, $2, 'sell', $3, 'active', $4, $5)`,
    [c.orderId, c.accountId, c.assetId, quantity, fee],
  );
  return [
    reply(cause, 'evt.accounts.ReservationMade', {
      orderId: c.orderId,
      accountId: c.accountId,
      kind: 'holding',
      amountMinor: 0,
      quantity: qty(quantity),
      estimatedFeeMinor: fee,
    }),
  ];
}

async function chargeFee(tx: Queryable, cause: Envelope<'cmd.accounts.ChargeFee'>): Promise<Reply[]> {
  const r = await lockReservation(tx, cause.data.orderId);
  if (!r || r.status === 'failed') {
    return [
      reply(cause, 'evt.accounts.ChargeFailed', {
        orderId: cause.data.orderId,
        accountId: r?.account_id ?? 'unknown',
        reason: 'NO_RESERVATION',
      }),
    ];
  }
  if (r.fee_status === 'charged' || r.fee_status === 'reversed') {
    return [
      reply(cause, 'evt.accounts.FeeCharged', {
        orderId: r.order_id,
        accountId: r.account_id,
        feeMinor: r.fee_minor,
      }),
    ];
  }
  if (r.fee_status === 'failed' || r.status !== 'active') {
    return [
      reply(cause, 'evt.accounts.ChargeFailed', {
        orderId: r.order_id,
        accountId: r.account_id,
        reason: r.status === 'active' ? 'INSUFFICIENT_CASH' : 'NO_RESERVATION',
      }),
    ];
  }
  const fee = r.estimated_fee_minor;
  if (r.side === 'buy') {
    // A buy's reservation already holds the fee: it moves from reserved cash to the bank.
    await tx.query(
      'UPDATE accounts SET cash_reserved_minor = cash_reserved_minor - $2, version = version + 1 WHERE id = $1',
      [r.account_id, fee],
    );
    await tx.query(
      `UPDATE reservations SET amount_minor = amount_minor - $2, fee_status = 'charged', fee_minor = $2, updated_at = now() WHERE order_id = $1`,
      [r.order_id, fee],
    );
  } else {
    const updated = await tx.query(
      'UPDATE accounts SET cash_available_minor = cash_available_minor - $2, version = version + 1 WHERE id = $1 AND cash_available_minor >= $2 RETURNING id',
      [r.account_id, fee],
    );
    if (updated.length === 0) {
      await tx.query(
        `UPDATE reservations SET fee_status = 'failed', updated_at = now() WHERE order_id = $1`,
        [r.order_id],
      );
      return [
        reply(cause, 'evt.accounts.ChargeFailed', {
          orderId: r.order_id,
          accountId: r.account_id,
          reason: 'INSUFFICIENT_CASH',
        }),
      ];
    }
    await tx.query(
      `UPDATE reservations SET fee_status = 'charged', fee_minor = $2, updated_at = now() WHERE order_id = $1`,
      [r.order_id, fee],
    );
  }
  await tx.query(`INSERT INTO ledger (account_id, kind, amount_minor, order_id) VALUES ($1, 'fee', $2, $3)`, [
    r.account_id,
    -fee,
    r.order_id,
  ]);
  return [
    reply(cause, 'evt.accounts.FeeCharged', { orderId: r.order_id, accountId: r.account_id, feeMinor: fee }),
  ];
}

async function reverseFee(tx: Queryable, cause: Envelope<'cmd.accounts.ReverseFee'>): Promise<Reply[]> {
  const r = await lockReservation(tx, cause.data.orderId);
  if (!r)
    return [
      reply(cause, 'evt.accounts.FeeReversed', {
        orderId: cause.data.orderId,
        accountId: 'unknown',
        feeMinor: 0,
      }),
    ];
  // Only a charged fee is refunded, and only once: a second ReverseFee finds it reversed.
  if (r.fee_status === 'charged') {
    await tx.query(
      'UPDATE accounts SET cash_available_minor = cash_available_minor + $2, version = version + 1 WHERE id = $1',
      [r.account_id, r.fee_minor],
    );
    await tx.query(
      `UPDATE reservations SET fee_status = 'reversed', updated_at = now() WHERE order_id = $1`,
      [r.order_id],
    );
    await tx.query(
      `INSERT INTO ledger (account_id, kind, amount_minor, order_id) VALUES ($1, 'fee_reversal', $2, $3)`,
      [r.account_id, r.fee_minor, r.order_id],
    );
  }
  return [
    reply(cause, 'evt.accounts.FeeReversed', {
      orderId: r.order_id,
      accountId: r.account_id,
      feeMinor: r.fee_status === 'none' || r.fee_status === 'failed' ? 0 : r.fee_minor,
    }),
  ];
}

async function release(tx: Queryable, cause: Envelope<'cmd.accounts.ReleaseReservation'>): Promise<Reply[]> {
  const r = await lockReservation(tx, cause.data.orderId);
  if (!r)
    return [
      reply(cause, 'evt.accounts.ReservationReleased', { orderId: cause.data.orderId, accountId: 'unknown' }),
    ];
  if (r.status === 'active') {
    if (r.side === 'buy') {
      await tx.query(
        'UPDATE accounts SET cash_available_minor = cash_available_minor + $2, cash_reserved_minor = cash_reserved_minor - $2, version = version + 1 WHERE id = $1',
        [r.account_id, r.amount_minor],
      );
    } else {
      await tx.query(
        'UPDATE holdings SET reserved_quantity = reserved_quantity - $3 WHERE account_id = $1 AND asset_id = $2',
        [r.account_id, r.asset_id, r.quantity],
      );
    }
    await tx.query(
      `UPDATE reservations SET status = 'released', amount_minor = 0, updated_at = now() WHERE order_id = $1`,
      [r.order_id],
    );
  }
  return [reply(cause, 'evt.accounts.ReservationReleased', { orderId: r.order_id, accountId: r.account_id })];
}

async function settle(tx: Queryable, cause: Envelope<'cmd.accounts.SettleTrade'>): Promise<Reply[]> {
  const c = cause.data;
  const r = await lockReservation(tx, c.orderId);
  if (!r || (r.status !== 'active' && r.status !== 'settled'))
    throw new Error(`no active reservation to settle order ${c.orderId}`);
  if (r.status === 'settled') {
    return [
      reply(cause, 'evt.accounts.TradeSettled', {
        orderId: r.order_id,
        accountId: r.account_id,
        tradeId: r.trade_id ?? c.tradeId,
        cashDeltaMinor: r.cash_delta_minor ?? 0,
        quantity: qty(r.settled_quantity ?? '0'),
      }),
    ];
  }
  let cashDelta: number;
  if (r.side === 'buy') {
    const cost = notionalMinor(c.quantity, c.price, 'half-up');
    // The reservation was made at the price cap (or the amount), so it covers the cost;
    // what is left of it goes back to available cash.
    const refund = r.amount_minor - cost;
    if (refund < 0) throw new Error(`trade of order ${c.orderId} costs more than its reservation`);
    await tx.query(
      'UPDATE accounts SET cash_reserved_minor = cash_reserved_minor - $2, cash_available_minor = cash_available_minor + $3, version = version + 1 WHERE id = $1',
      [r.account_id, r.amount_minor, refund],
    );
    await tx.query(
      `INSERT INTO holdings (account_id, asset_id, quantity, cost_basis_minor) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, asset_id) DO UPDATE SET quantity = holdings.quantity + EXCLUDED.quantity,
         cost_basis_minor = holdings.cost_basis_minor + EXCLUDED.cost_basis_minor`,
      [r.account_id, r.asset_id, c.quantity, cost],
    );
    cashDelta = -cost;
  } else {
    const proceeds = notionalMinor(c.quantity, c.price, 'half-up');
    const [holding] = await tx.query<{ quantity: string; cost_basis_minor: number | string }>(
      'SELECT quantity, cost_basis_minor FROM holdings WHERE account_id = $1 AND asset_id = $2 FOR UPDATE',
      [r.account_id, r.asset_id],
    );
    const removed = holding
      ? costBasisRemoved(Number(holding.cost_basis_minor), holding.quantity, c.quantity)
      : 0;
    await tx.query(
      'UPDATE holdings SET quantity = quantity - $3, reserved_quantity = reserved_quantity - $3, cost_basis_minor = cost_basis_minor - $4 WHERE account_id = $1 AND asset_id = $2',
      [r.account_id, r.asset_id, c.quantity, removed],
    );
    await tx.query(
      'UPDATE accounts SET cash_available_minor = cash_available_minor + $2, version = version + 1 WHERE id = $1',
      [r.account_id, proceeds],
    );
    cashDelta = proceeds;
  }
  const signedQty = r.side === 'buy' ? c.quantity : new Decimal(c.quantity).neg().toFixed();
  await tx.query(
    `INSERT INTO ledger (account_id, kind, amount_minor, asset_id, quantity, order_id, reference) VALUES ($1, 'trade', $2, $3, $4, $5, $6)`,
    [r.account_id, cashDelta, r.asset_id, signedQty, r.order_id, c.tradeId],
  );
  await tx.query(
    `UPDATE reservations SET status = 'settled', amount_minor = 0, trade_id = $2, cash_delta_minor = $3, settled_quantity = $4, updated_at = now() WHERE order_id = $1`,
    [r.order_id, c.tradeId, cashDelta, c.quantity],
  );
  return [
    reply(cause, 'evt.accounts.TradeSettled', {
      orderId: r.order_id,
      accountId: r.account_id,
      tradeId: c.tradeId,
      cashDeltaMinor: cashDelta,
      quantity: qty(c.quantity),
    }),
  ];
}

async function requestPayment(
  tx: Queryable,
  cause: Envelope<'cmd.accounts.RequestPayment'>,
  depositDelayMs: number,
): Promise<Reply[]> {
  const c = cause.data;
  const result = await insertPayment(tx, {
    id: c.paymentId,
    accountId: c.accountId,
    amountMinor: c.amountMinor,
    method: c.method,
    reference: c.reference,
    idempotencyKey: `payment:${c.paymentId}`,
    requestHash: null,
    depositDelayMs,
  });
  if (result.kind === 'unknown-account')
    return [await failPayment(tx, c.paymentId, c, 'UNKNOWN_ACCOUNT', true)];
  if (result.kind === 'existing') return [];
  if (c.method === 'cash') return [await completePayment(tx, c.paymentId)];
  return [];
}

/** Handles one command for accounts in the caller's transaction; returns the replies to announce. */
export async function handleAccountsCommand(
  tx: Queryable,
  message: AnyEnvelope,
  options: { depositDelayMs: number },
): Promise<Reply[]> {
  switch (message.type) {
    case 'cmd.accounts.Reserve':
      return reserve(tx, message);
    case 'cmd.accounts.ChargeFee':
      return chargeFee(tx, message);
    case 'cmd.accounts.ReverseFee':
      return reverseFee(tx, message);
    case 'cmd.accounts.ReleaseReservation':
      return release(tx, message);
    case 'cmd.accounts.SettleTrade':
      return settle(tx, message);
    case 'cmd.accounts.RequestPayment':
      return requestPayment(tx, message, options.depositDelayMs);
    default:
      return [];
  }
}
