import type { Migration } from '@simplebank/service-kit';

export const accountsMigrations: Migration[] = [
  {
    id: '001-accounts',
    sql: `
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        -- CHECKs are the last line of defence: no code path may take cash below zero.
        cash_available_minor BIGINT NOT NULL CHECK (cash_available_minor >= 0),
        cash_reserved_minor BIGINT NOT NULL DEFAULT 0 CHECK (cash_reserved_minor >= 0),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX accounts_customer ON accounts (customer_id);
      CREATE TABLE holdings (
        account_id TEXT NOT NULL REFERENCES accounts(id),
        asset_id TEXT NOT NULL,
        quantity NUMERIC(30, 8) NOT NULL CHECK (quantity >= 0),
        reserved_quantity NUMERIC(30, 8) NOT NULL DEFAULT 0 CHECK (reserved_quantity >= 0 AND reserved_quantity <= quantity),
        PRIMARY KEY (account_id, asset_id)
      );
      -- One row per order: makes every saga command idempotent (a repeated command finds it).
      CREATE TABLE reservations (
        order_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        side TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        status TEXT NOT NULL,            -- active | released | settled | failed
        failure_reason TEXT,
        amount_minor BIGINT NOT NULL DEFAULT 0,      -- cash still reserved (buys)
        quantity NUMERIC(30, 8) NOT NULL DEFAULT 0,  -- holding reserved (sells)
        estimated_fee_minor BIGINT NOT NULL DEFAULT 0,
        fee_status TEXT NOT NULL DEFAULT 'none',    -- none | charged | reversed | failed
        fee_minor BIGINT NOT NULL DEFAULT 0,
        trade_id TEXT,
        cash_delta_minor BIGINT,
        settled_quantity NUMERIC(30, 8),
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE ledger (
        id BIGSERIAL PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        kind TEXT NOT NULL,
        amount_minor BIGINT NOT NULL,
        asset_id TEXT,
        quantity NUMERIC(30, 8),
        order_id TEXT,
        reference TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX ledger_account ON ledger (account_id, id DESC);
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        amount_minor BIGINT NOT NULL,
        method TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        reference TEXT,
        idempotency_key TEXT UNIQUE,
        request_hash TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        complete_after TIMESTAMPTZ,
        completed_at TIMESTAMPTZ
      );
      CREATE INDEX payments_pending ON payments (complete_after) WHERE status = 'pending';
    `,
  },
  {
    // Cost basis (average-cost method): the total cost, in minor units of the account currency, of the
    // quantity held. Buys add quantity × fill price (fee excluded); sells remove it pro rata.
    id: '002-holding-cost-basis',
    sql: `
      ALTER TABLE holdings ADD COLUMN cost_basis_minor BIGINT NOT NULL DEFAULT 0 CHECK (cost_basis_minor >= 0);
    `,
  },
];
