import type { Migration } from '@simplebank/service-kit';

export const strategiesMigrations: Migration[] = [
  {
    id: '001-strategies',
    sql: `
      CREATE TABLE strategies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        risk_level TEXT NOT NULL,
        time_horizon TEXT NOT NULL,
        allocations JSONB NOT NULL,
        status TEXT NOT NULL,
        created_by_user_id TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE investments (
        id TEXT PRIMARY KEY,
        strategy_id TEXT NOT NULL REFERENCES strategies(id),
        account_id TEXT NOT NULL,
        amount_minor BIGINT NOT NULL,
        funding TEXT NOT NULL,
        payment_id TEXT,
        status TEXT NOT NULL,
        failure_reason TEXT,
        orders JSONB NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_hash TEXT NOT NULL,
        requested_by TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX investments_account ON investments (account_id, created_at DESC);
      CREATE INDEX investments_investing ON investments (status) WHERE status = 'investing';
    `,
  },
  {
    // One spelling across the services and the BFF: an investment's orders written before say `canceled`.
    id: '002-cancelled-spelling',
    sql: `
      UPDATE investments SET orders = (
        SELECT jsonb_agg(
          CASE WHEN o ->> 'status' = 'canceled' THEN jsonb_set(o, '{status}', '"cancelled"') ELSE o END
          ORDER BY n)
        FROM jsonb_array_elements(orders) WITH ORDINALITY AS e(o, n))
      WHERE orders @> '[{"status": "canceled"}]';
    `,
  },
];
