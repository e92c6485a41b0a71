import { afterEach, describe, expect, it } from 'vitest';
import { InProcessBackbone, createMessage, type AnyEnvelope } from '@simplebank/events';
import { openDatabase, type Database } from './database.ts';
import { leaseLabel } from './lease.ts';
import { migrate } from './migrations.ts';
import { OutboxRelay, enqueueMessages } from './outbox.ts';
import { processOnce } from './inbox.ts';
import { createLogger } from './logger.ts';
import { storageTargets } from './testing.ts';

const targets = await storageTargets();
const logger = createLogger('test', 'silent');

const migrations = [
  {
    id: '001-wallets',
    sql: `CREATE TABLE wallets (id TEXT PRIMARY KEY, balance_minor BIGINT NOT NULL CHECK (balance_minor >= 0), price NUMERIC(20,8) NOT NULL, meta JSONB, at TIMESTAMPTZ NOT NULL DEFAULT now());`,
  },
];

for (const target of targets) {
  describe.skipIf(!target.run)(`storage contract: ${target.name}`, () => {
    const open: Database[] = [];
    const fresh = async () => {
      const db = await openDatabase(target.options());
      open.push(db);
      await migrate(db, 'test', migrations);
      return db;
    };
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close();
      await target.cleanup();
    });

    it('migrates once and returns the same value shapes from both drivers', async () => {
      const db = await fresh();
      expect(await migrate(db, 'test', migrations)).toEqual([]);
      await db.query('INSERT INTO wallets (id, balance_minor, price, meta) VALUES ($1, $2, $3, $4::jsonb)', [
        'w1',
        12_345_678_901,
        '101.25000000',
        JSON.stringify({ a: 1 }),
      ]);
      const [row] = await db.query<{ balance_minor: number; price: string; meta: unknown; at: Date }>(
        'SELECT * FROM wallets',
      );
      expect(row!.balance_minor).toBe(12_345_678_901);
      expect(row!.price).toBe('101.25000000');
      expect(row!.meta).toEqual({ a: 1 });
      expect(row!.at).toBeInstanceOf(Date);
      const [scalars] = await db.query('SELECT 7::int AS n, true AS yes, 1.5::float8 AS f, $1::uuid AS id', [
        '6f1c2a3e-0000-4000-8000-000000000001',
      ]);
      expect(scalars).toEqual({ n: 7, yes: true, f: 1.5, id: '6f1c2a3e-0000-4000-8000-000000000001' });
    });

    it('rolls a failed transaction back entirely', async () => {
      const db = await fresh();
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO wallets (id, balance_minor, price) VALUES ('w1', 1, '1')`);
          await tx.query(`INSERT INTO wallets (id, balance_minor, price) VALUES ('w2', -1, '1')`);
        }),
      ).rejects.toThrow();
      expect(await db.query('SELECT id FROM wallets')).toEqual([]);
    });

    it('a conditional update never takes a balance below zero under concurrent transactions', async () => {
      const db = await fresh();
      await db.query(`INSERT INTO wallets (id, balance_minor, price) VALUES ('w1', 1000, '1')`);
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          db.transaction(async (tx) => {
            const rows = await tx.query(
              `UPDATE wallets SET balance_minor = balance_minor - 100 WHERE id = 'w1' AND balance_minor >= 100 RETURNING id`,
            );
            return rows.length === 1;
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(10);
      const [row] = await db.query<{ balance_minor: number }>('SELECT balance_minor FROM wallets');
      expect(row!.balance_minor).toBe(0);
    });

    it('outbox: only committed messages are relayed, in order, each once', async () => {
      const db = await fresh();
      const bus = new InProcessBackbone();
      const got: AnyEnvelope[] = [];
      await bus.subscribe({
        consumer: 'probe',
        subjects: ['evt.test.>'],
        handler: async (m) => void got.push(m),
      });
      const messages = [1, 2, 3].map((n) => createMessage('evt.test.Ping', { n }, { source: 'test' }));
      await db.transaction((tx) => enqueueMessages(tx, messages));
      await db
        .transaction(async (tx) => {
          await enqueueMessages(tx, [createMessage('evt.test.Ping', { n: 99 }, { source: 'test' })]);
          throw new Error('abort');
        })
        .catch(() => undefined);
      const relay = new OutboxRelay({ db, bus, logger, idleMs: 20 });
      relay.start();
      await expect.poll(() => got.length).toBe(3);
      await relay.stop();
      expect(got.map((m) => m.id)).toEqual(messages.map((m) => m.id));
      expect(await relay.backlog()).toBe(0);
      await bus.close();
    });

    it('outbox: a commit and a nudge are published at once, without waiting for the sweep', async () => {
      const db = await fresh();
      const bus = new InProcessBackbone();
      const got: AnyEnvelope[] = [];
      await bus.subscribe({
        consumer: 'probe',
        subjects: ['evt.test.>'],
        handler: async (m) => void got.push(m),
      });
      // The sweep is an hour away: only the nudge can make this message go out within the test.
      const relay = new OutboxRelay({ db, bus, logger, idleMs: 3_600_000 });
      const before = db.usage().statements;
      relay.start();
      await expect.poll(() => db.usage().statements).toBeGreaterThan(before); // its first (empty) pass
      const message = createMessage('evt.test.Ping', { n: 1 }, { source: 'test' });
      await db.transaction((tx) => enqueueMessages(tx, [message]));
      relay.nudge();
      await expect.poll(() => got.map((m) => m.id)).toEqual([message.id]);
      expect(await relay.backlog()).toBe(0);
      await relay.stop();
      await bus.close();
    });

    // The in-process backbone (claim and mark in one statement, undone on failure) and a durable
    // one such as NATS (PostgreSQL: claim, publish and undo in one transaction; PGlite: read,
    // publish, mark).
    for (const kind of ['in-process', 'nats'] as const) {
      it(`outbox (${kind} backbone): a batch whose third publish fails marks the first two and sends the rest again, in order`, async () => {
        const db = await fresh();
        const inner = new InProcessBackbone();
        const sent: string[] = [];
        let failNext = true;
        // Acknowledges later than it is called, the way a JetStream publish does, and fails once.
        const bus = Object.assign(Object.create(inner) as InProcessBackbone, {
          kind,
          publish: async (message: AnyEnvelope) => {
            const position = sent.push(message.id);
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (position === 3 && failNext) {
              failNext = false;
              throw new Error('no ack');
            }
          },
        });
        const messages = [1, 2, 3, 4].map((n) => createMessage('evt.test.Ping', { n }, { source: 'test' }));
        await db.transaction((tx) => enqueueMessages(tx, messages));
        const relay = new OutboxRelay({ db, bus, logger, idleMs: 20 });
        relay.start();
        await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(6);
        await expect.poll(() => relay.backlog(), { timeout: 10_000 }).toBe(0);
        await relay.stop();
        const ids = messages.map((m) => m.id);
        // All four sent at once, then the failed one and the one after it again, in order.
        expect(sent).toEqual([...ids, ids[2], ids[3]]);
      });
    }

    it('inbox: a redelivered message is processed once', async () => {
      const db = await fresh();
      const message = createMessage('evt.test.Ping', { n: 1 }, { source: 'test' });
      let runs = 0;
      const apply = () =>
        processOnce(db, 'c', message, async (tx) => {
          runs++;
          await tx.query(`INSERT INTO wallets (id, balance_minor, price) VALUES ('w-' || $1, 1, '1')`, [
            message.id,
          ]);
        });
      const outcomes = await Promise.all([apply(), apply(), apply()]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await db.query('SELECT id FROM wallets')).toHaveLength(1);
      expect(runs).toBeGreaterThanOrEqual(1);
    });

    it('lease: one holder at a time; it passes on when released', async () => {
      const db = await fresh();
      const first = await db.tryLease('ticker');
      expect(first?.held).toBe(true);
      expect(await db.tryLease('ticker')).toBeNull();
      const other = await db.tryLease('another');
      expect(other?.held).toBe(true);
      await first!.release();
      expect(first!.held).toBe(false);
      const second = await db.tryLease('ticker');
      expect(second?.held).toBe(true);
      await second!.release();
      await other!.release();
    });

    it.runIf(target.name === 'PostgreSQL')(
      'lease: a holder whose connection dies loses it, and another instance takes it',
      async () => {
        const options = target.options();
        const a = await openDatabase(options);
        const b = await openDatabase(options);
        open.push(a, b);
        const held = await a.tryLease('ticker');
        expect(held?.held).toBe(true);
        expect(await b.tryLease('ticker')).toBeNull();
        // What a SIGKILL of the holder looks like to PostgreSQL: its connection goes away.
        await b.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          leaseLabel(`${options.schema}:ticker`),
        ]);
        await expect.poll(() => held!.held).toBe(false);
        await expect.poll(async () => (await b.tryLease('ticker'))?.held ?? false).toBe(true);
      },
    );
  });
}
