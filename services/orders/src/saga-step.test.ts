// A saga step without a transaction (saga.ts, handleSagaReply): one read, then one write that
// applies only to the order as read and records the reply in the inbox with the change.
import { afterEach, describe, expect, it } from 'vitest';
import { createMessage } from '@simplebank/events';
import { migrate, openDatabase, storageTargets, type Database } from '@simplebank/service-kit';
import { cancelOrder, createOrder } from './commands.ts';
import { ordersMigrations } from './migrations.ts';
import type { PriceCache } from './prices.ts';
import { handleSagaReply } from './saga.ts';

const targets = await storageTargets();
const prices = { size: 1, get: () => ({ price: '100.00', currency: 'EUR' }) } as unknown as PriceCache;

for (const target of targets) {
  describe.skipIf(!target.run)(`saga step: ${target.name}`, () => {
    const open: Database[] = [];
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close();
      await target.cleanup();
    });

    async function orderWaitingForItsReservation() {
      const db = await openDatabase(target.options());
      open.push(db);
      await migrate(db, 'orders', ordersMigrations);
      const { order } = await createOrder(
        db,
        prices,
        { minimumOrderValueMinor: 5000 },
        { accountId: 'a-1', assetId: 'ACME', side: 'buy', type: 'market', quantity: '1' },
        'key-1',
        'u-1',
      );
      const reply = createMessage(
        'evt.accounts.ReservationMade',
        {
          orderId: order.id,
          accountId: 'a-1',
          kind: 'cash',
          amountMinor: 10200,
          quantity: '1',
          estimatedFeeMinor: 100,
        },
        { source: 'accounts', correlationId: order.id },
      );
      const charges = async () =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox WHERE type = 'cmd.accounts.ChargeFee'`,
          )
        )[0]!.n;
      const state = async () =>
        (
          await db.query<{ saga_step: string; log: number; inbox: number }>(
            `SELECT saga_step,
               (SELECT count(*)::int FROM saga_log WHERE order_id = $1) AS log,
               (SELECT count(*)::int FROM inbox WHERE message_id = $2) AS inbox
             FROM orders WHERE id = $1`,
            [order.id, reply.id],
          )
        )[0]!;
      return { db, order, reply, charges, state };
    }

    it('moves the saga on once for a reply delivered twice', async () => {
      const { db, reply, charges, state } = await orderWaitingForItsReservation();
      expect(await handleSagaReply(db, 'orders-saga', reply)).toBe(true);
      expect(await handleSagaReply(db, 'orders-saga', reply)).toBe(false);
      expect(await state()).toEqual({ saga_step: 'charging', log: 2, inbox: 1 });
      expect(await charges()).toBe(1);
    });

    it('moves the saga on once for the same reply handled side by side', async () => {
      const { db, reply, charges, state } = await orderWaitingForItsReservation();
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => handleSagaReply(db, 'orders-saga', reply)),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await state()).toEqual({ saga_step: 'charging', log: 2, inbox: 1 });
      expect(await charges()).toBe(1);
    });

    it('decides again when the order changed between its read and its write', async () => {
      const { db, order, reply, charges, state } = await orderWaitingForItsReservation();
      // The customer cancels after the step has read the order: the late reservation must be
      // released, not charged (a write over the cancel would lose it).
      let cancelled = false;
      const racing: Database = {
        ...db,
        query: async (sql, params) => {
          const rows = await db.query(sql, params);
          if (!cancelled && sql.includes('row_version')) {
            cancelled = true;
            await cancelOrder(db, order.id, 'u-1');
          }
          return rows as never;
        },
      };
      expect(await handleSagaReply(racing, 'orders-saga', reply)).toBe(true);
      expect(cancelled).toBe(true);
      const releases = await db.query(`SELECT 1 FROM outbox WHERE type = 'cmd.accounts.ReleaseReservation'`);
      expect(releases).toHaveLength(1);
      expect(await charges()).toBe(0);
      expect((await state()).inbox).toBe(1);
      const [row] = await db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [order.id]);
      expect(row!.status).toBe('cancelled');
    });
  });
}
