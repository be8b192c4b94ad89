// Central's PostgreSQL schema, one entry per version, recorded in central_migrations.
// Never edit a shipped migration: append one.
import { keyChangeMethodSqlList } from './key-change-rules';
import { accountsPostgresMigration } from '../accounts/account-migrations';
import { healthPostgresMigration } from './health-migrations';
import { alertsPostgresMigration } from '../alerts/alert-migrations';
import { talliesPostgresMigration } from './tally-migrations';
import { deviceStatePostgresMigration } from './device-state-migrations';

export interface PostgresMigration {
  /** Equals its position: migration N is applied when central_migrations holds N-1. */
  version: number;
  name: string;
  sql: string;
}

const jsonArray = (column: string) => `CHECK (jsonb_typeof(${column}) = 'array')`;

const initial: PostgresMigration = {
  version: 1,
  name: 'devices, admin tokens, batch receipts, ratings',
  sql: `
    CREATE TABLE devices (
      device_id       text PRIMARY KEY,
      office_code     text NOT NULL CHECK (office_code <> ''),
      counter         integer NOT NULL CHECK (counter > 0),
      label           text,
      token_hash      text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      created_at      timestamptz NOT NULL,
      revoked_at      timestamptz,
      last_seen_at    timestamptz,
      app_version     text,
      clock_offset_ms bigint
    );

    CREATE TABLE admin_tokens (
      token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      label      text NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE batch_receipts (
      receipt_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      batch_id        text NOT NULL,
      device_id       text NOT NULL REFERENCES devices (device_id),
      received_at     timestamptz NOT NULL,
      sent_at         text NOT NULL,
      app_version     text NOT NULL,
      seq_from        bigint NOT NULL,
      seq_to          bigint NOT NULL,
      accepted_count  integer NOT NULL,
      duplicate_count integer NOT NULL,
      conflict_count  integer NOT NULL
    );
    CREATE INDEX batch_receipts_device ON batch_receipts (device_id, receipt_id);

    CREATE TABLE ratings (
      id              text PRIMARY KEY,
      device_id       text NOT NULL REFERENCES devices (device_id),
      seq             bigint NOT NULL CHECK (seq > 0),
      created_at      text NOT NULL,
      local_day       date NOT NULL,
      scale           text NOT NULL,
      level           smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
      officer_id      text,
      service_code    text,
      dossier_code    text,
      reasons         jsonb NOT NULL ${jsonArray('reasons')},
      flags           jsonb NOT NULL ${jsonArray('flags')},
      app_version     text NOT NULL,
      boot_id         text NOT NULL,
      content_hash    text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
      batch_id        text NOT NULL,
      received_at     timestamptz NOT NULL,
      clock_offset_ms bigint NOT NULL,
      central_flags   jsonb NOT NULL ${jsonArray('central_flags')},
      UNIQUE (device_id, seq)
    );
    CREATE INDEX ratings_local_day ON ratings (local_day);

    -- A conflict must leave the original untouched: enforced by the database, not by care.
    CREATE FUNCTION ratings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ratings are append-only';
    END $$;
    CREATE TRIGGER ratings_no_change BEFORE UPDATE OR DELETE ON ratings
      FOR EACH ROW EXECUTE FUNCTION ratings_append_only();
  `,
};

const syncFiles: PostgresMigration = {
  version: 2,
  name: 'device public keys, central signing key, sync file imports',
  sql: `
    ALTER TABLE devices ADD COLUMN public_key text CHECK (public_key IS NULL OR length(public_key) = 44);

    -- One row: central's Ed25519 key, created on first use (docs/sync-protocol.md, "Sync files").
    CREATE TABLE central_signing_key (
      id                integer PRIMARY KEY CHECK (id = 1),
      public_key        text NOT NULL,
      private_key_pkcs8 text NOT NULL,
      created_at        timestamptz NOT NULL
    );

    -- One row per sync file stored; its fileNumber is the device's replay watermark.
    CREATE TABLE sync_file_imports (
      device_id      text NOT NULL REFERENCES devices (device_id),
      file_number    bigint NOT NULL CHECK (file_number > 0),
      payload_sha256 text NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
      received_at    timestamptz NOT NULL,
      ack            jsonb NOT NULL,
      PRIMARY KEY (device_id, file_number)
    );
  `,
};

/** As SQLite's migration 3, which says why: reason answers without a foreign key to ratings, and nullable seqs. */
const reasonAnswers: PostgresMigration = {
  version: 3,
  name: 'reason answers; batch receipts without a seq range',
  sql: `
    CREATE TABLE reason_answers (
      id           text PRIMARY KEY,
      device_id    text NOT NULL REFERENCES devices (device_id),
      rating_id    text NOT NULL,
      created_at   text NOT NULL,
      -- [{"code": "THAI-DO", "label": "Thái độ cán bộ chưa tốt"}, …]: the Vietnamese label at the time.
      reasons      jsonb NOT NULL ${jsonArray('reasons')},
      content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
      batch_id     text NOT NULL,
      received_at  timestamptz NOT NULL
    );
    CREATE INDEX reason_answers_device ON reason_answers (device_id);
    CREATE INDEX reason_answers_rating ON reason_answers (rating_id);

    -- For any append-only table from now on: the refusal names the table.
    CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER reason_answers_no_change BEFORE UPDATE OR DELETE ON reason_answers
      FOR EACH ROW EXECUTE FUNCTION append_only();

    ALTER TABLE batch_receipts
      ALTER COLUMN seq_from DROP NOT NULL,
      ALTER COLUMN seq_to DROP NOT NULL,
      ADD CONSTRAINT batch_receipts_seq_range CHECK ((seq_from IS NULL) = (seq_to IS NULL));
  `,
};

const deviceKeyChanges: PostgresMigration = {
  version: 4,
  name: 'device key changes (append-only audit)',
  sql: `
    CREATE TABLE device_key_changes (
      change_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      device_id       text NOT NULL REFERENCES devices (device_id),
      changed_at      timestamptz NOT NULL,
      actor           text NOT NULL,
      method          text NOT NULL CHECK (method IN (${keyChangeMethodSqlList})),
      old_public_key  text,
      old_fingerprint text,
      new_public_key  text NOT NULL,
      new_fingerprint text NOT NULL,
      CHECK ((old_public_key IS NULL) = (old_fingerprint IS NULL)),
      CHECK ((method = 'first') = (old_public_key IS NULL))
    );
    CREATE INDEX device_key_changes_device ON device_key_changes (device_id, change_id);
    CREATE TRIGGER device_key_changes_no_change BEFORE UPDATE OR DELETE ON device_key_changes
      FOR EACH ROW EXECUTE FUNCTION append_only();
  `,
};

/** As SQLite's migration 5, which says why. */
const recordChain: PostgresMigration = {
  version: 5,
  name: 'record chain: chained records, signed heads, breaks',
  sql: `
    CREATE TABLE chain_records (
      device_id   text NOT NULL REFERENCES devices (device_id),
      position    bigint NOT NULL CHECK (position > 0),
      kind        text NOT NULL CHECK (kind IN ('rating', 'reason-answer')),
      record_id   text NOT NULL,
      link        text NOT NULL CHECK (link ~ '^[0-9a-f]{64}$'),
      content     text NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (device_id, position)
    );
    CREATE INDEX chain_records_record ON chain_records (device_id, record_id);
    CREATE TRIGGER chain_records_no_change BEFORE UPDATE OR DELETE ON chain_records
      FOR EACH ROW EXECUTE FUNCTION append_only();

    CREATE TABLE chain_heads (
      device_id        text NOT NULL REFERENCES devices (device_id),
      position         bigint NOT NULL CHECK (position > 0),
      link             text NOT NULL CHECK (link ~ '^[0-9a-f]{64}$'),
      migrated_through bigint CHECK (migrated_through >= 0),
      migrated_link    text CHECK (migrated_link ~ '^[0-9a-f]{64}$'),
      signed_at        text NOT NULL,
      signature        text NOT NULL,
      verified         boolean NOT NULL,
      received_at      timestamptz NOT NULL,
      PRIMARY KEY (device_id, position, link)
    );
    CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON chain_heads
      FOR EACH ROW EXECUTE FUNCTION append_only();
    -- Only one change: a head stored unverified (no device key then) verifies when it comes again.
    CREATE TRIGGER chain_heads_only_verify BEFORE UPDATE ON chain_heads
      FOR EACH ROW WHEN (NOT (NOT OLD.verified AND NEW.verified AND NEW.signature = OLD.signature AND NEW.signed_at = OLD.signed_at))
      EXECUTE FUNCTION append_only();

    CREATE TABLE chain_breaks (
      device_id   text NOT NULL REFERENCES devices (device_id),
      position    bigint NOT NULL CHECK (position > 0),
      kind        text NOT NULL CHECK (kind IN ('link-mismatch', 'position-conflict', 'head-mismatch', 'head-conflict')),
      detail      text NOT NULL,
      detected_at timestamptz NOT NULL,
      UNIQUE (device_id, position, kind)
    );
    CREATE TRIGGER chain_breaks_no_change BEFORE UPDATE OR DELETE ON chain_breaks
      FOR EACH ROW EXECUTE FUNCTION append_only();
  `,
};

/** Storage incidents (issue 12): as the SQLite store's migration 6. */
const deviceIncidents: PostgresMigration = {
  version: 6,
  name: 'storage incidents declared by devices',
  sql: `
    CREATE TABLE device_incidents (
      device_id   text NOT NULL REFERENCES devices (device_id),
      incident_id text NOT NULL,
      kind        text NOT NULL,
      detected_at text NOT NULL,
      record      text NOT NULL,
      verified    boolean NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (device_id, incident_id)
    );
    CREATE TRIGGER device_incidents_no_delete BEFORE DELETE ON device_incidents
      FOR EACH ROW EXECUTE FUNCTION append_only();
    -- Only one change: an incident stored unverified (no device key then) verifies when it comes again.
    CREATE TRIGGER device_incidents_only_verify BEFORE UPDATE ON device_incidents
      FOR EACH ROW WHEN (NOT (NOT OLD.verified AND NEW.verified AND NEW.record = OLD.record AND NEW.kind = OLD.kind
        AND NEW.detected_at = OLD.detected_at AND NEW.received_at = OLD.received_at))
      EXECUTE FUNCTION append_only();
  `,
};

/**
 * The report path (issue 15): as the SQLite store's migration 7. The rows already stored get
 * their code from hl_reference_code, the same derivation as shared/node/reference-code.ts
 * written in SQL (SHA-256 of the domain-separated id, its top 50 bits in Crockford base32;
 * a test compares the two); new rows get it from the store at ingest.
 */
const reasonAnswerReferences: PostgresMigration = {
  version: 7,
  name: 'reference codes of reason answers',
  sql: `
    CREATE FUNCTION hl_reference_code(rating_id text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
      SELECT 'HL-' || substr(body, 1, 5) || '-' || substr(body, 6, 5)
      FROM (
        SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (((h.bits >> (5 * (9 - i))) & 31)::int) + 1, 1), '' ORDER BY i) AS body
        FROM (SELECT (('x' || substr(encode(sha256(convert_to('hai-long/reference-code/v1' || chr(10) || lower(rating_id), 'UTF8')), 'hex'), 1, 13))::bit(52)::bigint >> 2) AS bits) h,
             generate_series(0, 9) AS i
      ) s
    $$;
    ALTER TABLE reason_answers ADD COLUMN reference text CHECK (reference IS NULL OR length(reference) = 14);
    ALTER TABLE reason_answers DISABLE TRIGGER reason_answers_no_change;
    UPDATE reason_answers SET reference = hl_reference_code(rating_id);
    ALTER TABLE reason_answers ENABLE TRIGGER reason_answers_no_change;
    CREATE INDEX reason_answers_reference ON reason_answers (reference);
  `,
};

/** Dossier codes (issue 15): as the SQLite store's migration 8. */
const dossierCodeIndex: PostgresMigration = {
  version: 8,
  name: 'dossier code index',
  sql: 'CREATE INDEX ratings_dossier_code ON ratings (dossier_code) WHERE dossier_code IS NOT NULL;',
};

/** The directory (issue 16): as the SQLite store's migration 10. */
const directory: PostgresMigration = {
  version: 10,
  name: 'device directories, offices and units',
  sql: `
    CREATE TABLE units (
      code        text PRIMARY KEY CHECK (code <> ''),
      name        text NOT NULL CHECK (name <> ''),
      parent_code text REFERENCES units (code),
      created_at  timestamptz NOT NULL,
      CHECK (parent_code IS NULL OR parent_code <> code)
    );
    CREATE INDEX units_parent ON units (parent_code);

    CREATE TABLE offices (
      office_code     text PRIMARY KEY CHECK (office_code <> ''),
      name            text,
      time_zone       text,
      named_at        timestamptz,
      named_by_device text,
      unit_code       text REFERENCES units (code)
    );
    CREATE INDEX offices_unit ON offices (unit_code);

    CREATE TABLE device_directories (
      device_id   text PRIMARY KEY REFERENCES devices (device_id),
      revision    bigint NOT NULL CHECK (revision > 0),
      changed_at  text NOT NULL,
      received_at timestamptz NOT NULL,
      office_name text NOT NULL,
      time_zone   text NOT NULL,
      content     jsonb NOT NULL
    );

    CREATE TABLE directory_officers (
      device_id  text NOT NULL REFERENCES devices (device_id),
      officer_id text NOT NULL,
      code       text NOT NULL,
      name       text NOT NULL,
      title      text NOT NULL,
      active     boolean NOT NULL,
      photo      text,
      PRIMARY KEY (device_id, officer_id)
    );

    CREATE TABLE directory_service_areas (
      device_id text NOT NULL REFERENCES devices (device_id),
      code      text NOT NULL,
      name      text NOT NULL,
      active    boolean NOT NULL,
      PRIMARY KEY (device_id, code)
    );

    CREATE TABLE directory_reasons (
      device_id text NOT NULL REFERENCES devices (device_id),
      position  integer NOT NULL,
      code      text NOT NULL,
      label     text NOT NULL,
      factor    text,
      PRIMARY KEY (device_id, code)
    );
  `,
};

export const postgresMigrations: readonly PostgresMigration[] = [initial, syncFiles, reasonAnswers, deviceKeyChanges, recordChain, deviceIncidents, reasonAnswerReferences, dossierCodeIndex, accountsPostgresMigration, directory, healthPostgresMigration, alertsPostgresMigration, deviceStatePostgresMigration, talliesPostgresMigration];
