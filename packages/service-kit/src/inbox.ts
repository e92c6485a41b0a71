import type { Envelope } from '@simplebank/events';
import type { Database, Queryable } from './database.ts';

/**
 * Runs fn for a message at most once per consumer: the message id is recorded in the same
 * transaction as fn's changes, so a redelivered message finds it and is skipped.
 * Returns false when the message had been processed already.
 */
export async function processOnce(
  db: Database,
  consumer: string,
  message: Envelope,
  fn: (tx: Queryable) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      'INSERT INTO inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id',
      [consumer, message.id],
    );
    if (inserted.length === 0) return false;
    await fn(tx);
    return true;
  });
}
