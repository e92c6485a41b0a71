import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderSnapshot } from '@simplebank/events';
import { createLogger, migrate, openDatabase, type Database } from '@simplebank/service-kit';
import { ordersMigrations } from './migrations.ts';
import { OrderProjector } from './projector.ts';

const LAG_MS = 300;
/** Far longer than the test: only the write side's announcements can make the projector run. */
const NO_SWEEP_MS = 600_000;

const open: { db: Database; projector: OrderProjector }[] = [];
afterEach(async () => {
  for (const { db, projector } of open.splice(0)) {
    await projector.stop();
    await db.close();
  }
});

async function start() {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db, 'orders', ordersMigrations);
  const projector = new OrderProjector(
    db,
    LAG_MS,
    () => undefined,
    createLogger('test', 'silent'),
    NO_SWEEP_MS,
  );
  projector.start();
  open.push({ db, projector });
  return { db, projector };
}

async function writeEvent(db: Database, id = `o-${randomUUID()}`, version = 1): Promise<string> {
  const now = new Date();
  const at = now.toISOString();
  const snapshot: OrderSnapshot = {
    id,
    accountId: 'a-alice-1',
    assetId: 'ACME',
    side: 'buy',
    type: 'market',
    quantity: '1',
    amountMinor: null,
    limitPrice: null,
    currency: 'USD',
    status: 'pending',
    statusReason: null,
    cancelRequested: false,
    feeMinor: null,
    fillPrice: null,
    filledQuantity: null,
    source: { kind: 'customer' },
    idempotencyKey: randomUUID(),
    requestedBy: 'c-alice',
    steps: { placedAt: at },
    version,
    createdAt: at,
    updatedAt: at,
  };
  await db.query(
    `INSERT INTO order_events (event_id, order_id, version, type, snapshot, occurred_at)
     VALUES ($1, $2, $5, 'evt.orders.OrderPlaced', $3::jsonb, $4)`,
    [randomUUID(), id, JSON.stringify(snapshot), now, version],
  );
  return id;
}

const projectedAt = async (db: Database, id: string) =>
  (await db.query<{ at: Date }>('SELECT projected_at AS at FROM order_views WHERE id = $1', [id]))[0]?.at;

describe('the order projector', () => {
  it('projects an announced event when it falls due, not before, without waiting for a sweep', async () => {
    const { db, projector } = await start();
    const id = await writeEvent(db);
    projector.eventsWritten();
    await expect.poll(() => projectedAt(db, id), { timeout: 20_000, interval: 20 }).toBeInstanceOf(Date);
    const [event] = await db.query<{ occurred: Date }>(
      'SELECT occurred_at AS occurred FROM order_events WHERE order_id = $1',
      [id],
    );
    expect((await projectedAt(db, id))!.getTime() - event!.occurred.getTime()).toBeGreaterThanOrEqual(LAG_MS);
  });

  it('leaves an event no one announced to the sweep, and projects it once announced', async () => {
    const { db, projector } = await start();
    await projector.settled();
    const id = await writeEvent(db);
    await new Promise((resolve) => setTimeout(resolve, LAG_MS * 3));
    expect(await projectedAt(db, id)).toBeUndefined();
    projector.eventsWritten();
    await expect.poll(() => projectedAt(db, id), { timeout: 20_000, interval: 20 }).toBeInstanceOf(Date);
  });

  it('projects what was left unprojected before it started, without being told', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db, 'orders', ordersMigrations);
    const id = await writeEvent(db);
    const projector = new OrderProjector(
      db,
      LAG_MS,
      () => undefined,
      createLogger('test', 'silent'),
      NO_SWEEP_MS,
    );
    open.push({ db, projector });
    projector.start();
    await expect.poll(() => projectedAt(db, id), { timeout: 20_000, interval: 20 }).toBeInstanceOf(Date);
  });

  it('projects several events of one order in one pass: the newest view stays, each newer event is announced once, in order', async () => {
    const { db, projector } = await start();
    await projector.settled();
    const id = await writeEvent(db);
    await writeEvent(db, id, 2);
    await writeEvent(db, id, 3);
    projector.eventsWritten();
    const announced = async () =>
      (
        await db.query<{ version: number }>(
          `SELECT (message->'data'->'view'->>'version')::int AS version FROM outbox
           WHERE type = 'evt.orders.OrderViewUpdated' AND message->'data'->'view'->>'id' = $1 ORDER BY seq`,
          [id],
        )
      ).map((r) => r.version);
    await expect.poll(announced, { timeout: 20_000, interval: 20 }).toEqual([1, 2, 3]);
    // A late copy of an older event changes nothing and announces nothing.
    await writeEvent(db, id, 2);
    projector.eventsWritten();
    await expect
      .poll(async () => (await projector.status()).eventsBehind, { timeout: 20_000, interval: 20 })
      .toBe(0);
    expect(await announced()).toEqual([1, 2, 3]);
    const [view] = await db.query<{ version: number }>('SELECT version FROM order_views WHERE id = $1', [id]);
    expect(view!.version).toBe(3);
  });
});
