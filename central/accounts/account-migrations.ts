// Central's web accounts (issue 16), one migration for each store, appended to their lists
// (sqlite-migrations.ts, postgres-migrations.ts). Never edit once shipped: append another.
//
// The unit scope is a list of codes (account_units), without a foreign key: the unit hierarchy
// is built in another part of issue 16; when it lands, `user add` checks the codes against it
// (unit-scope.ts) and a later migration may add the key. The audit is append-only.
import type { PostgresMigration } from '../store/postgres-migrations';
import type { SqliteMigration } from '../store/sqlite-migrations';

const ACCOUNTS_VERSION = 9;
const ACCOUNTS_NAME = 'web accounts, sessions, sign-in lockouts and their audit';

export const accountsSqliteMigration: SqliteMigration = {
  version: ACCOUNTS_VERSION,
  name: ACCOUNTS_NAME,
  up: (db) => {
    db.exec(`
      CREATE TABLE accounts (
        account_id          TEXT PRIMARY KEY,
        username            TEXT NOT NULL UNIQUE CHECK (username <> '' AND username = lower(username)),
        role                TEXT NOT NULL CHECK (role IN ('province-admin', 'unit-viewer')),
        password_hash       TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        created_at          TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        disabled_at         TEXT
      ) STRICT;
      CREATE TABLE account_units (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        unit_code  TEXT NOT NULL CHECK (unit_code <> ''),
        PRIMARY KEY (account_id, unit_code)
      ) STRICT;
      CREATE INDEX account_units_unit ON account_units (unit_code);
      CREATE TABLE sign_in_lockouts (
        username        TEXT PRIMARY KEY,
        failures        INTEGER NOT NULL CHECK (failures >= 0),
        last_failure_at TEXT
      ) STRICT;
      CREATE TABLE account_sessions (
        session_hash TEXT PRIMARY KEY CHECK (length(session_hash) = 64),
        account_id   TEXT NOT NULL REFERENCES accounts (account_id),
        created_at   TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX account_sessions_account ON account_sessions (account_id);
      CREATE TABLE account_audit (
        audit_id INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,
        event    TEXT NOT NULL,
        username TEXT NOT NULL,
        actor    TEXT NOT NULL,
        address  TEXT,
        detail   TEXT
      ) STRICT;
      CREATE INDEX account_audit_username ON account_audit (username, audit_id);
      CREATE TRIGGER account_audit_no_update BEFORE UPDATE ON account_audit
      BEGIN SELECT RAISE(ABORT, 'account_audit is append-only'); END;
      CREATE TRIGGER account_audit_no_delete BEFORE DELETE ON account_audit
      BEGIN SELECT RAISE(ABORT, 'account_audit is append-only'); END;
    `);
  },
};

/** As the SQLite migration; instants are timestamptz. */
export const accountsPostgresMigration: PostgresMigration = {
  version: ACCOUNTS_VERSION,
  name: ACCOUNTS_NAME,
  sql: `
    CREATE TABLE accounts (
      account_id          text PRIMARY KEY,
      username            text NOT NULL UNIQUE CHECK (username <> '' AND username = lower(username)),
      role                text NOT NULL CHECK (role IN ('province-admin', 'unit-viewer')),
      password_hash       text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
      created_at          timestamptz NOT NULL,
      password_changed_at timestamptz NOT NULL,
      disabled_at         timestamptz
    );
    CREATE TABLE account_units (
      account_id text NOT NULL REFERENCES accounts (account_id),
      unit_code  text NOT NULL CHECK (unit_code <> ''),
      PRIMARY KEY (account_id, unit_code)
    );
    CREATE INDEX account_units_unit ON account_units (unit_code);
    CREATE TABLE sign_in_lockouts (
      username        text PRIMARY KEY,
      failures        integer NOT NULL CHECK (failures >= 0),
      last_failure_at text
    );
    CREATE TABLE account_sessions (
      session_hash text PRIMARY KEY CHECK (session_hash ~ '^[0-9a-f]{64}$'),
      account_id   text NOT NULL REFERENCES accounts (account_id),
      created_at   timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    );
    CREATE INDEX account_sessions_account ON account_sessions (account_id);
    CREATE TABLE account_audit (
      audit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at       timestamptz NOT NULL,
      event    text NOT NULL,
      username text NOT NULL,
      actor    text NOT NULL,
      address  text,
      detail   text
    );
    CREATE INDEX account_audit_username ON account_audit (username, audit_id);
    CREATE TRIGGER account_audit_no_change BEFORE UPDATE OR DELETE ON account_audit
      FOR EACH ROW EXECUTE FUNCTION append_only();
  `,
};
