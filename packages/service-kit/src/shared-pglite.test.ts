import { afterAll, describe, expect, it } from 'vitest';
import { SharedPglite } from './shared-pglite.ts';

const shared = await SharedPglite.open('memory://');
afterAll(() => shared.close());

describe('one PGlite shared by several services', () => {
  it('keeps each service in its own schema, same table names and all', async () => {
    const orders = await shared.database('orders_t');
    const accounts = await shared.database('accounts_t');
    for (const db of [orders, accounts]) await db.exec('CREATE TABLE outbox (id TEXT PRIMARY KEY)');
    await orders.query('INSERT INTO outbox (id) VALUES ($1)', ['from-orders']);
    await accounts.query('INSERT INTO outbox (id) VALUES ($1)', ['from-accounts']);
    expect(await orders.query('SELECT id FROM outbox')).toEqual([{ id: 'from-orders' }]);
    expect(await accounts.query('SELECT id FROM outbox')).toEqual([{ id: 'from-accounts' }]);
  });

  it("never runs one service's statement inside another's open transaction", async () => {
    const a = await shared.database('a_t');
    const b = await shared.database('b_t');
    await a.exec('CREATE TABLE items (id TEXT)');
    await b.exec('CREATE TABLE items (id TEXT)');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = a
      .transaction(async (tx) => {
        await tx.query("INSERT INTO items (id) VALUES ('a1')");
        await held;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    // Sent while a's transaction is open: it waits, and is not rolled back with it.
    const written = b.query("INSERT INTO items (id) VALUES ('b1')");
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await rolledBack).toBe('rolled back');
    await written;
    expect(await a.query('SELECT id FROM items')).toEqual([]);
    expect(await b.query('SELECT id FROM items')).toEqual([{ id: 'b1' }]);
  });
});
