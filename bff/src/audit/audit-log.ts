import { randomUUID } from 'node:crypto';
import type { components } from '@simplebank/openapi';
import type { Database } from '../store/database.ts';

export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;
export interface AuditFilter {
  userId?: string;
  action?: string;
  requestId?: string;
  /** The entity acted on, e.g. `order:o-1`. */
  target?: string;
  /** Inclusive lower bound (ISO timestamp). */
  from?: string;
  /** Exclusive upper bound (ISO timestamp). */
  to?: string;
  page: number;
  size: number;
}

type AuditRow = {
  id: string;
  at: Date;
  user_id: string | null;
  username: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  request_id: string;
  outcome: AuditEntry['outcome'];
  builds: AuditEntry['builds'] | null;
  total: number;
};

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  userId: row.user_id,
  username: row.username,
  action: row.action,
  target: row.target,
  detail: row.detail,
  requestId: row.request_id,
  outcome: row.outcome,
  ...(row.builds ? { builds: row.builds } : {}),
});

/**
 * Every command and admin action (who, what, when, request id, outcome), one row each in
 * `bff_audit`: append-only (a trigger refuses updates and deletes), durable once `record` resolves,
 * and queried in the database, so every instance shows the same page.
 */
export class AuditLog {
  constructor(private readonly db: Database) {}

  async record(input: AuditInput): Promise<void> {
    await this.db.query(
      `INSERT INTO bff_audit (id, at, user_id, username, action, target, detail, request_id, outcome, builds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json)`,
      [
        randomUUID(),
        new Date(),
        input.userId,
        input.username,
        input.action,
        input.target ?? null,
        input.detail ?? null,
        input.requestId,
        input.outcome,
        input.builds ? JSON.stringify(input.builds) : null,
      ],
    );
  }

  /** Newest first. */
  async query(filter: AuditFilter): Promise<components['schemas']['AuditPage']> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.userId !== undefined) add((p) => `user_id = ${p}`, filter.userId);
    if (filter.action !== undefined) add((p) => `action = ${p}`, filter.action);
    if (filter.requestId !== undefined) add((p) => `request_id = ${p}`, filter.requestId);
    if (filter.target !== undefined) add((p) => `target = ${p}`, filter.target);
    if (filter.from !== undefined) add((p) => `at >= ${p}`, new Date(filter.from));
    if (filter.to !== undefined) add((p) => `at < ${p}`, new Date(filter.to));
    params.push(filter.size, (filter.page - 1) * filter.size);
    // count(*) OVER () gives the total of the matching rows with the page, in one statement.
    const rows = await this.db.query<AuditRow>(
      `SELECT id, at, user_id, username, action, target, detail, request_id, outcome, builds,
              count(*) OVER () AS total
       FROM bff_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    // A page past the end has no rows to carry the total.
    if (rows.length === 0 && filter.page > 1) {
      const [counted] = await this.db.query<{ total: number }>(
        `SELECT count(*) AS total FROM bff_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        params.slice(0, -2),
      );
      total = counted?.total ?? 0;
    }
    return { items: rows.map(toEntry), page: filter.page, size: filter.size, total };
  }
}
