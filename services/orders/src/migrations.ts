import type { Migration } from '@simplebank/service-kit';

export const ordersMigrations: Migration[] = [
  {
    id: '001-orders',
    sql: `
      -- The command side: one row per order, with where its saga stands.
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        side TEXT NOT NULL,
        type TEXT NOT NULL,
        quantity NUMERIC(30, 8),
        amount_minor BIGINT,
        limit_price NUMERIC(20, 8),
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT,
        cancel_requested BOOLEAN NOT NULL DEFAULT false,
        fee_minor BIGINT,
        fill_price NUMERIC(20, 8),
        filled_quantity NUMERIC(30, 8),
        trade_id TEXT,
        source JSONB NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_hash TEXT NOT NULL,
        requested_by TEXT,
        steps JSONB NOT NULL,
        version INTEGER NOT NULL,
        saga_step TEXT NOT NULL,
        saga_updated_at TIMESTAMPTZ NOT NULL,
        estimated_price NUMERIC(20, 8) NOT NULL,
        price_cap NUMERIC(20, 8),
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX orders_saga_open ON orders (saga_updated_at) WHERE saga_step <> 'done';
      -- The saga log: every step of every order, for resuming and for the admin timeline.
      CREATE TABLE saga_log (
        seq BIGSERIAL PRIMARY KEY,
        order_id TEXT NOT NULL,
        step TEXT NOT NULL,
        detail JSONB NOT NULL,
        at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX saga_log_order ON saga_log (order_id, seq);
      -- Order events, kept for the projector (the read model is built from these, late on purpose).
      CREATE TABLE order_events (
        seq BIGSERIAL PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        order_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        snapshot JSONB NOT NULL,
        occurred_at TIMESTAMPTZ NOT NULL,
        projected_at TIMESTAMPTZ
      );
      CREATE INDEX order_events_unprojected ON order_events (seq) WHERE projected_at IS NULL;
      -- The read model.
      CREATE TABLE order_views (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        view JSONB NOT NULL,
        projected_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX order_views_account ON order_views (account_id, created_at DESC);
      CREATE INDEX order_views_status ON order_views (status, created_at DESC);
    `,
  },
  {
    id: '002-last-prices',
    sql: `CREATE TABLE last_prices (asset_id TEXT PRIMARY KEY, price NUMERIC(20, 8) NOT NULL, currency TEXT NOT NULL, at TIMESTAMPTZ NOT NULL);`,
  },
  {
    // The services now spell the status `cancelled`, as the BFF always has: rows written before say
    // `canceled` (status, the step `canceledAt`, and both inside the read model's documents).
    id: '003-cancelled-spelling',
    sql: `
      UPDATE orders SET status = 'cancelled' WHERE status = 'canceled';
      UPDATE orders SET steps = (steps - 'canceledAt') || jsonb_build_object('cancelledAt', steps -> 'canceledAt')
        WHERE steps ? 'canceledAt';
      UPDATE order_views SET status = 'cancelled' WHERE status = 'canceled';
      UPDATE order_views SET view = jsonb_set(view, '{status}', '"cancelled"') WHERE view ->> 'status' = 'canceled';
      UPDATE order_views
        SET view = jsonb_set(view #- '{steps,canceledAt}', '{steps,cancelledAt}', view -> 'steps' -> 'canceledAt')
        WHERE view -> 'steps' ? 'canceledAt';
    `,
  },
];
