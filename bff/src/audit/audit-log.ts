import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { components } from '@simplebank/openapi';

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

/**
 * Every command and admin action (who, what, when, request id, outcome), one JSON line each in
 * `var/bff/audit.jsonl` (append-only, durable), kept in memory for queries.
 */
export class AuditLog {
  private entries: AuditEntry[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'audit.jsonl');
  }

  async init(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    try {
      const text = await readFile(this.file, 'utf8');
      this.entries = text
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as AuditEntry];
          } catch {
            return []; // a torn last line after a crash
          }
        });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  record(input: AuditInput): Promise<void> {
    const entry: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), ...input };
    this.entries.push(entry);
    // Appends are serialised so lines never interleave.
    this.queue = this.queue
      .then(() => appendFile(this.file, JSON.stringify(entry) + '\n'))
      .catch(() => undefined);
    return this.queue;
  }

  query(filter: AuditFilter): components['schemas']['AuditPage'] {
    // ISO timestamps in UTC compare correctly as strings only when both have the same form, so compare instants.
    const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
    const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
    const matching = this.entries
      .filter((e) => {
        const at = Date.parse(e.at);
        return (
          (filter.userId === undefined || e.userId === filter.userId) &&
          (filter.action === undefined || e.action === filter.action) &&
          (filter.requestId === undefined || e.requestId === filter.requestId) &&
          (filter.target === undefined || e.target === filter.target) &&
          at >= from &&
          at < to
        );
      })
      .reverse();
    const start = (filter.page - 1) * filter.size;
    return {
      items: matching.slice(start, start + filter.size),
      page: filter.page,
      size: filter.size,
      total: matching.length,
    };
  }
}
