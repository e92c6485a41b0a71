import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessage } from '@simplebank/events';
import { migrate, openDatabase, storageTargets, type Database } from '@simplebank/service-kit';
import { handleAccountsCommand } from './commands.ts';
import { accountsMigrations } from './migrations.ts';
import { seedAccounts } from './seed.ts';

const targets = await storageTargets();

for (const target of targets) {
  describe.skipIf(!target.run)(`accounts under concurrency: ${target.name}`, () => {
    let db: Database | undefined;
    afterEach(async () => {
      await db?.close();
      await target.cleanup();
    });

    it('50 concurrent sells of one holding never oversell it', async () => {
      db = await openDatabase(target.options());
      await migrate(db, 'accounts', accountsMigrations);
      await db.transaction((tx) => seedAccounts(tx));
      const database = db;
      // bob holds 10 ACME: 50 sells of 1 each, all at once, each in its own transaction.
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () =>
          database.transaction(async (tx) => {
            const message = createMessage(
              'cmd.accounts.Reserve',
              {
                orderId: randomUUID(),
                accountId: 'a-bob-1',
                side: 'sell',
                assetId: 'ACME',
                quantity: '1',
                amountMinor: null,
                estimatedPrice: '100',
                currency: 'USD',
              },
              { source: 'test' },
            );
            const [reply] = await handleAccountsCommand(tx, message, { depositDelayMs: 0 });
            return reply!.type;
          }),
        ),
      );
      expect(outcomes.filter((t) => t === 'evt.accounts.ReservationMade')).toHaveLength(10);
      expect(outcomes.filter((t) => t === 'evt.accounts.ReservationFailed')).toHaveLength(40);
      const [holding] = await database.query<{ quantity: string; reserved_quantity: string }>(
        `SELECT * FROM holdings WHERE account_id = 'a-bob-1' AND asset_id = 'ACME'`,
      );
      expect(Number(holding!.reserved_quantity)).toBe(10);
      expect(Number(holding!.quantity)).toBe(10);
    });
  });
}
