import type { Migration } from '@simplebank/service-kit';

/**
 * The BFF's tables (PostgreSQL with DATABASE_URL, else PGlite: store/database.ts): every instance
 * reads and writes the same rows, so none keeps a copy of its own. Never rename an id once shipped.
 */
export const bffMigrations: Migration[] = [
  {
    id: 'bff-001-state',
    sql: `
      CREATE TABLE bff_users (
        seq BIGSERIAL NOT NULL UNIQUE,
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        -- JSON rather than TEXT[]: the PGlite driver reads array columns as text (service-kit's pglite-parsers.ts).
        roles JSON NOT NULL,
        customer_id TEXT,
        password_hash TEXT NOT NULL
      );
      CREATE INDEX bff_users_customer ON bff_users (customer_id);

      -- Sessions are signed cookies; only those ended before their expiry are kept (until then).
      CREATE TABLE bff_revoked_sessions (
        sid TEXT PRIMARY KEY,
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX bff_revoked_sessions_expiry ON bff_revoked_sessions (expires_at);

      -- Append-only (the trigger below refuses changes); seq is the order entries were written in.
      CREATE TABLE bff_audit (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TIMESTAMPTZ NOT NULL,
        user_id TEXT,
        username TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        request_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        -- order.place: the fragment builds the session had reported (null otherwise).
        builds JSON
      );
      -- The admin search filters by user, action, target, request id and time, newest first.
      CREATE INDEX bff_audit_user ON bff_audit (user_id, seq DESC);
      CREATE INDEX bff_audit_action ON bff_audit (action, seq DESC);
      CREATE INDEX bff_audit_request ON bff_audit (request_id);
      CREATE INDEX bff_audit_target ON bff_audit (target, seq DESC);
      CREATE INDEX bff_audit_at ON bff_audit (at);
      CREATE FUNCTION bff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only';
        END
      $$;
      CREATE TRIGGER bff_audit_no_change BEFORE UPDATE OR DELETE ON bff_audit
        FOR EACH ROW EXECUTE FUNCTION bff_audit_append_only();

      -- The fragment builds each session's browser reported (issue 14), kept until it expires.
      CREATE TABLE bff_session_builds (
        sid TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        exp TIMESTAMPTZ NOT NULL,
        reported_at TIMESTAMPTZ NOT NULL,
        fragments JSON NOT NULL
      );
      CREATE INDEX bff_session_builds_user ON bff_session_builds (user_id, reported_at DESC);

      -- Documents changed as a whole under a row lock: the registry state, the flags.
      CREATE TABLE bff_documents (
        name TEXT PRIMARY KEY,
        doc JSON NOT NULL
      );

      -- Generated secrets of the embedded default (session secret, deploy and metrics tokens).
      CREATE TABLE bff_secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Fragment build files, content-addressed: one row per distinct content (sha256), however
      -- many versions contain it.
      CREATE TABLE bff_fragment_blobs (
        hash TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        content BYTEA NOT NULL
      );
      CREATE TABLE bff_fragment_files (
        fragment TEXT NOT NULL,
        version TEXT NOT NULL,
        path TEXT NOT NULL,
        hash TEXT NOT NULL REFERENCES bff_fragment_blobs (hash),
        PRIMARY KEY (fragment, version, path)
      );
    `,
  },
];
