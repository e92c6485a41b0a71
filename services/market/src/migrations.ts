import type { Migration } from '@simplebank/service-kit';

export const marketMigrations: Migration[] = [
  {
    id: '001-market',
    sql: `
      CREATE TABLE prices (
        asset_id TEXT PRIMARY KEY,
        price NUMERIC(20, 8) NOT NULL,
        at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE market_orders (
        order_id TEXT PRIMARY KEY,
        asset_id TEXT NOT NULL,
        side TEXT NOT NULL,
        type TEXT NOT NULL,
        quantity NUMERIC(30, 8),
        amount_minor BIGINT,
        limit_price NUMERIC(20, 8),
        price_cap NUMERIC(20, 8),
        status TEXT NOT NULL,          -- received | open | filled | failed | canceled | expired
        reason TEXT,
        fill_price NUMERIC(20, 8),
        fill_quantity NUMERIC(30, 8),
        trade_id TEXT,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        send_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        fill_at TIMESTAMPTZ,
        expires_at TIMESTAMPTZ,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX market_orders_working ON market_orders (status) WHERE status IN ('received', 'open');
    `,
  },
  {
    // Shared by every instance, so each answers reads alike whichever one ticks (service.ts).
    id: '002-shared-history-and-faults',
    sql: `
      CREATE TABLE price_history (
        id BIGSERIAL PRIMARY KEY,
        asset_id TEXT NOT NULL,
        price NUMERIC(20, 8) NOT NULL,
        at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX price_history_recent ON price_history (asset_id, at DESC, id DESC);
      CREATE TABLE market_faults (
        id INT PRIMARY KEY CHECK (id = 1),
        failure_rate DOUBLE PRECISION NOT NULL,
        extra_latency_ms INT NOT NULL,
        down BOOLEAN NOT NULL,
        version BIGINT NOT NULL
      );
    `,
  },
  {
    // The trace context of the PlaceOrder command, so the gateway's later events (placed, filled)
    // continue the order's trace (docs/OBSERVABILITY.md).
    id: 'trace-001-market-orders',
    sql: `ALTER TABLE market_orders ADD COLUMN trace_context JSONB;`,
  },
  {
    // One spelling across the services and the BFF: `cancelled` (rows written before say `canceled`).
    id: '003-cancelled-spelling',
    sql: `UPDATE market_orders SET status = 'cancelled' WHERE status = 'canceled';`,
  },
  {
    // The UTC trading day of each price: its first price (open), high and low, moved with every
    // price written (prices.ts, persist). A market that ran before starts its day at its price now.
    id: '004-trading-day',
    sql: `
      ALTER TABLE prices
        ADD COLUMN day DATE,
        ADD COLUMN day_open NUMERIC(20, 8),
        ADD COLUMN day_high NUMERIC(20, 8),
        ADD COLUMN day_low NUMERIC(20, 8);
      UPDATE prices SET day = (at AT TIME ZONE 'UTC')::date, day_open = price, day_high = price, day_low = price;
    `,
  },
];
