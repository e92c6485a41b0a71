import { afterEach, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { openDatabase, type Database } from './database.ts';
import { startTracing, type Tracing } from './telemetry.ts';
import { storageTargets } from './testing.ts';

const targets = await storageTargets();

/**
 * SQL statements are spans of the operation that ran them while tracing is on (the pg
 * instrumentation for PostgreSQL, database.ts's own for PGlite), and nothing when it is off.
 */
for (const target of targets) {
  describe.skipIf(!target.run)(`SQL spans: ${target.name}`, () => {
    const exporter = new InMemorySpanExporter();
    let tracing: Tracing | null = null;
    let db: Database | null = null;
    afterEach(async () => {
      await db?.close();
      db = null;
      await tracing?.shutdown();
      tracing = null;
      exporter.reset();
      await target.cleanup();
    });

    const inParent = <T>(fn: () => Promise<T>) =>
      trace.getTracer('test').startActiveSpan('parent', async (span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      });

    it('adds a span per statement, with the statement and never its values, under the caller', async () => {
      tracing = startTracing({ serviceName: 'sql-test', exporter });
      db = await openDatabase(target.options());
      const database = db;
      await inParent(async () => {
        await database.query('SELECT $1::text AS secret', ['do-not-record-me']);
        await database.transaction((tx) => tx.query('SELECT 2 AS two'));
      });
      const spans = exporter.getFinishedSpans();
      const parent = spans.find((s) => s.name === 'parent')!;
      const sql = spans.filter((s) => s.spanContext().traceId === parent.spanContext().traceId);
      const statement = (s: (typeof spans)[number]) =>
        String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '');
      const selects = sql.filter((s) => statement(s).startsWith('SELECT'));
      expect(selects.map(statement)).toEqual(
        expect.arrayContaining(['SELECT $1::text AS secret', 'SELECT 2 AS two']),
      );
      for (const span of selects) {
        expect(span.attributes['db.system.name'] ?? span.attributes['db.system']).toBe('postgresql');
        expect(span.kind).toBe(2); // CLIENT
      }
      expect(JSON.stringify(sql.map((s) => s.attributes))).not.toContain('do-not-record-me');
    });

    it('makes no spans when tracing is off', async () => {
      db = await openDatabase(target.options());
      await db.query('SELECT 1');
      tracing = startTracing({ serviceName: 'sql-test', exporter });
      // Opened while tracing was off: PGlite statements stay untraced; pg has no parent span here.
      await db.query('SELECT 1');
      expect(exporter.getFinishedSpans()).toEqual([]);
    });
  });
}
