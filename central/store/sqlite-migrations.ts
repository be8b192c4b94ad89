// Central's SQLite schema, one entry per version, applied in order (PRAGMA user_version).
// Never edit a shipped migration: append one. Tables are STRICT: a wrong type is an error.
import type { Database } from 'better-sqlite3';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { keyChangeMethodSqlList } from './key-change-rules';
import { accountsSqliteMigration } from '../accounts/account-migrations';
import { healthSqliteMigration } from './health-migrations';
import { alertsSqliteMigration } from '../alerts/alert-migrations';
import { talliesSqliteMigration } from './tally-migrations';
import { deviceStateSqliteMigration } from './device-state-migrations';

export interface SqliteMigration {
  /** Equals its position: migration N brings user_version from N-1 to N. */
  version: number;
  name: string;
  up: (db: Database) => void;
}

const jsonArray = (column: string) => `CHECK (json_valid(${column}) AND json_type(${column}) = 'array')`;

const initial: SqliteMigration = {
  version: 1,
  name: 'devices, admin tokens, batch receipts, ratings',
  up: (db) => {
    db.exec(`
      CREATE TABLE devices (
        device_id       TEXT PRIMARY KEY,
        office_code     TEXT NOT NULL CHECK (office_code <> ''),
        counter         INTEGER NOT NULL CHECK (counter > 0),
        label           TEXT,
        token_hash      TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        created_at      TEXT NOT NULL,
        revoked_at      TEXT,
        last_seen_at    TEXT,
        app_version     TEXT,
        clock_offset_ms INTEGER
      ) STRICT;

      CREATE TABLE admin_tokens (
        token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        label      TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE batch_receipts (
        receipt_id      INTEGER PRIMARY KEY,
        batch_id        TEXT NOT NULL,
        device_id       TEXT NOT NULL REFERENCES devices (device_id),
        received_at     TEXT NOT NULL,
        sent_at         TEXT NOT NULL,
        app_version     TEXT NOT NULL,
        seq_from        INTEGER NOT NULL,
        seq_to          INTEGER NOT NULL,
        accepted_count  INTEGER NOT NULL,
        duplicate_count INTEGER NOT NULL,
        conflict_count  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX batch_receipts_device ON batch_receipts (device_id, receipt_id);

      CREATE TABLE ratings (
        id              TEXT PRIMARY KEY,
        device_id       TEXT NOT NULL REFERENCES devices (device_id),
        seq             INTEGER NOT NULL CHECK (seq > 0),
        created_at      TEXT NOT NULL,
        local_day       TEXT NOT NULL CHECK (local_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        scale           TEXT NOT NULL,
        level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        officer_id      TEXT,
        service_code    TEXT,
        dossier_code    TEXT,
        reasons         TEXT NOT NULL ${jsonArray('reasons')},
        flags           TEXT NOT NULL ${jsonArray('flags')},
        app_version     TEXT NOT NULL,
        boot_id         TEXT NOT NULL,
        content_hash    TEXT NOT NULL CHECK (length(content_hash) = 64),
        batch_id        TEXT NOT NULL,
        received_at     TEXT NOT NULL,
        clock_offset_ms INTEGER NOT NULL,
        central_flags   TEXT NOT NULL ${jsonArray('central_flags')},
        UNIQUE (device_id, seq)
      ) STRICT;
      CREATE INDEX ratings_local_day ON ratings (local_day);

      -- A conflict must leave the original untouched: enforced by the database, not by care.
      CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
      CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
    `);
  },
};

const syncFiles: SqliteMigration = {
  version: 2,
  name: 'device public keys, central signing key, sync file imports',
  up: (db) => {
    db.exec(`
      ALTER TABLE devices ADD COLUMN public_key TEXT CHECK (public_key IS NULL OR length(public_key) = 44);

      -- One row: central's Ed25519 key, created on first use (docs/sync-protocol.md, "Sync files").
      CREATE TABLE central_signing_key (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        public_key        TEXT NOT NULL,
        private_key_pkcs8 TEXT NOT NULL,
        created_at        TEXT NOT NULL
      ) STRICT;

      -- One row per sync file stored; its fileNumber is the device's replay watermark.
      CREATE TABLE sync_file_imports (
        device_id      TEXT NOT NULL REFERENCES devices (device_id),
        file_number    INTEGER NOT NULL CHECK (file_number > 0),
        payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
        received_at    TEXT NOT NULL,
        ack            TEXT NOT NULL CHECK (json_valid(ack)),
        PRIMARY KEY (device_id, file_number)
      ) STRICT;
    `);
  },
};

/**
 * Reasons a citizen gave after a negative rating: their own append-only records, since the
 * rating may be stored (and synced) before the citizen answers. No foreign key to ratings: an
 * answer may arrive before its rating, or in a sync file without it; reports join on rating_id.
 * A batch of answers only has no seq range, and SQLite cannot drop NOT NULL, so batch_receipts
 * is rebuilt: new table, rows copied with their receipt ids (the delivery order), old one
 * dropped, new one renamed. No other table references batch_receipts.
 */
const reasonAnswers: SqliteMigration = {
  version: 3,
  name: 'reason answers; batch receipts without a seq range',
  up: (db) => {
    db.exec(`
      CREATE TABLE reason_answers (
        id           TEXT PRIMARY KEY,
        device_id    TEXT NOT NULL REFERENCES devices (device_id),
        rating_id    TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        -- [{"code": "THAI-DO", "label": "Thái độ cán bộ chưa tốt"}, …]: the Vietnamese label at the time.
        reasons      TEXT NOT NULL ${jsonArray('reasons')},
        content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
        batch_id     TEXT NOT NULL,
        received_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reason_answers_device ON reason_answers (device_id);
      CREATE INDEX reason_answers_rating ON reason_answers (rating_id);

      CREATE TRIGGER reason_answers_no_update BEFORE UPDATE ON reason_answers
      BEGIN SELECT RAISE(ABORT, 'reason_answers are append-only'); END;
      CREATE TRIGGER reason_answers_no_delete BEFORE DELETE ON reason_answers
      BEGIN SELECT RAISE(ABORT, 'reason_answers are append-only'); END;

      CREATE TABLE batch_receipts_v3 (
        receipt_id      INTEGER PRIMARY KEY,
        batch_id        TEXT NOT NULL,
        device_id       TEXT NOT NULL REFERENCES devices (device_id),
        received_at     TEXT NOT NULL,
        sent_at         TEXT NOT NULL,
        app_version     TEXT NOT NULL,
        seq_from        INTEGER,
        seq_to          INTEGER,
        accepted_count  INTEGER NOT NULL,
        duplicate_count INTEGER NOT NULL,
        conflict_count  INTEGER NOT NULL,
        CHECK ((seq_from IS NULL) = (seq_to IS NULL))
      ) STRICT;
      INSERT INTO batch_receipts_v3 (receipt_id, batch_id, device_id, received_at, sent_at, app_version, seq_from, seq_to,
                                     accepted_count, duplicate_count, conflict_count)
        SELECT receipt_id, batch_id, device_id, received_at, sent_at, app_version, seq_from, seq_to,
               accepted_count, duplicate_count, conflict_count
        FROM batch_receipts;
      DROP TABLE batch_receipts;
      ALTER TABLE batch_receipts_v3 RENAME TO batch_receipts;
      CREATE INDEX batch_receipts_device ON batch_receipts (device_id, receipt_id);
    `);
  },
};

const deviceKeyChanges: SqliteMigration = {
  version: 4,
  name: 'device key changes (append-only audit)',
  up: (db) => {
    db.exec(`
      CREATE TABLE device_key_changes (
        change_id       INTEGER PRIMARY KEY,
        device_id       TEXT NOT NULL REFERENCES devices (device_id),
        changed_at      TEXT NOT NULL,
        actor           TEXT NOT NULL,
        method          TEXT NOT NULL CHECK (method IN (${keyChangeMethodSqlList})),
        old_public_key  TEXT,
        old_fingerprint TEXT,
        new_public_key  TEXT NOT NULL,
        new_fingerprint TEXT NOT NULL,
        CHECK ((old_public_key IS NULL) = (old_fingerprint IS NULL)),
        CHECK ((method = 'first') = (old_public_key IS NULL))
      ) STRICT;
      CREATE INDEX device_key_changes_device ON device_key_changes (device_id, change_id);
      CREATE TRIGGER device_key_changes_no_update BEFORE UPDATE ON device_key_changes
      BEGIN SELECT RAISE(ABORT, 'device_key_changes are append-only'); END;
      CREATE TRIGGER device_key_changes_no_delete BEFORE DELETE ON device_key_changes
      BEGIN SELECT RAISE(ABORT, 'device_key_changes are append-only'); END;
    `);
  },
};

/**
 * The record chain (issue 11; central/chain-verification.ts): the chained records as received
 * (content: canonical JSON, unknown keys included), the device-signed heads, and the breaks
 * central found. Append-only; a head first stored unverified (no device key yet) may become
 * verified when it arrives again and verifies.
 */
const recordChain: SqliteMigration = {
  version: 5,
  name: 'record chain: chained records, signed heads, breaks',
  up: (db) => {
    db.exec(`
      CREATE TABLE chain_records (
        device_id   TEXT NOT NULL REFERENCES devices (device_id),
        position    INTEGER NOT NULL CHECK (position > 0),
        kind        TEXT NOT NULL CHECK (kind IN ('rating', 'reason-answer')),
        record_id   TEXT NOT NULL,
        link        TEXT NOT NULL CHECK (length(link) = 64),
        content     TEXT NOT NULL CHECK (json_valid(content)),
        received_at TEXT NOT NULL,
        PRIMARY KEY (device_id, position)
      ) STRICT;
      CREATE INDEX chain_records_record ON chain_records (device_id, record_id);
      CREATE TRIGGER chain_records_no_update BEFORE UPDATE ON chain_records
      BEGIN SELECT RAISE(ABORT, 'chain_records are append-only'); END;
      CREATE TRIGGER chain_records_no_delete BEFORE DELETE ON chain_records
      BEGIN SELECT RAISE(ABORT, 'chain_records are append-only'); END;

      CREATE TABLE chain_heads (
        device_id        TEXT NOT NULL REFERENCES devices (device_id),
        position         INTEGER NOT NULL CHECK (position > 0),
        link             TEXT NOT NULL CHECK (length(link) = 64),
        migrated_through INTEGER CHECK (migrated_through >= 0),
        migrated_link    TEXT CHECK (migrated_link IS NULL OR length(migrated_link) = 64),
        signed_at        TEXT NOT NULL,
        signature        TEXT NOT NULL,
        verified         INTEGER NOT NULL CHECK (verified IN (0, 1)),
        received_at      TEXT NOT NULL,
        PRIMARY KEY (device_id, position, link)
      ) STRICT;
      CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON chain_heads
      BEGIN SELECT RAISE(ABORT, 'chain_heads are append-only'); END;
      CREATE TRIGGER chain_heads_only_verify BEFORE UPDATE ON chain_heads
      WHEN NOT (OLD.verified = 0 AND NEW.verified = 1 AND NEW.signature = OLD.signature AND NEW.signed_at = OLD.signed_at)
      BEGIN SELECT RAISE(ABORT, 'chain_heads are append-only'); END;

      CREATE TABLE chain_breaks (
        device_id   TEXT NOT NULL REFERENCES devices (device_id),
        position    INTEGER NOT NULL CHECK (position > 0),
        kind        TEXT NOT NULL CHECK (kind IN ('link-mismatch', 'position-conflict', 'head-mismatch', 'head-conflict')),
        detail      TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        UNIQUE (device_id, position, kind)
      ) STRICT;
      CREATE TRIGGER chain_breaks_no_update BEFORE UPDATE ON chain_breaks
      BEGIN SELECT RAISE(ABORT, 'chain_breaks are append-only'); END;
      CREATE TRIGGER chain_breaks_no_delete BEFORE DELETE ON chain_breaks
      BEGIN SELECT RAISE(ABORT, 'chain_breaks are append-only'); END;
    `);
  },
};

/**
 * Storage incidents (issue 12, shared/sync/incident.ts): each device-signed incident once, as
 * received (`record`: the incident's JSON, signature included). Append-only; one first stored
 * unverified (no device key yet) may become verified when it arrives again and verifies.
 */
const deviceIncidents: SqliteMigration = {
  version: 6,
  name: 'storage incidents declared by devices',
  up: (db) => {
    db.exec(`
      CREATE TABLE device_incidents (
        device_id   TEXT NOT NULL REFERENCES devices (device_id),
        incident_id TEXT NOT NULL,
        kind        TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        record      TEXT NOT NULL CHECK (json_valid(record)),
        verified    INTEGER NOT NULL CHECK (verified IN (0, 1)),
        received_at TEXT NOT NULL,
        PRIMARY KEY (device_id, incident_id)
      ) STRICT;
      CREATE TRIGGER device_incidents_no_delete BEFORE DELETE ON device_incidents
      BEGIN SELECT RAISE(ABORT, 'device_incidents are append-only'); END;
      CREATE TRIGGER device_incidents_only_verify BEFORE UPDATE ON device_incidents
      WHEN NOT (OLD.verified = 0 AND NEW.verified = 1 AND NEW.record = OLD.record AND NEW.kind = OLD.kind AND NEW.detected_at = OLD.detected_at AND NEW.received_at = OLD.received_at)
      BEGIN SELECT RAISE(ABORT, 'device_incidents are append-only'); END;
    `);
  },
};

/**
 * The report path (issue 15): each reason answer's reference code (shared/node/reference-code.ts,
 * derived from its rating id), so inspectors can resolve a code a citizen quotes. Stored at
 * ingest, indexed; rows already stored get theirs here. The append-only trigger is dropped for
 * this one fill and recreated in the same transaction: only the new column is written.
 */
const reasonAnswerReferences: SqliteMigration = {
  version: 7,
  name: 'reference codes of reason answers',
  up: (db) => {
    db.exec(`
      ALTER TABLE reason_answers ADD COLUMN reference TEXT CHECK (reference IS NULL OR length(reference) = 14);
      DROP TRIGGER reason_answers_no_update;
    `);
    const fill = db.prepare('UPDATE reason_answers SET reference = ? WHERE id = ?');
    const rows = db.prepare('SELECT id, rating_id FROM reason_answers').all() as { id: string; rating_id: string }[];
    for (const row of rows) fill.run(referenceCodeOf(row.rating_id), row.id);
    db.exec(`
      CREATE TRIGGER reason_answers_no_update BEFORE UPDATE ON reason_answers
      BEGIN SELECT RAISE(ABORT, 'reason_answers are append-only'); END;
      CREATE INDEX reason_answers_reference ON reason_answers (reference);
    `);
  },
};

/** Dossier codes (issue 15): `dossier-repeats` groups ratings by code; most carry none (partial). */
const dossierCodeIndex: SqliteMigration = {
  version: 8,
  name: 'dossier code index',
  up: (db) => {
    db.exec('CREATE INDEX ratings_dossier_code ON ratings (dossier_code) WHERE dossier_code IS NOT NULL');
  },
};

/**
 * The directory (issue 16): each device's newest directory (shared/sync/directory.ts) — officers,
 * service areas and reasons by device, replaced only by a higher revision — and the province's
 * hierarchy: units (nested under the province), offices by office code (named by their kiosks,
 * placed under a unit by the admin). Devices belong to an office by their office code.
 */
const directory: SqliteMigration = {
  version: 10,
  name: 'device directories, offices and units',
  up: (db) => {
    db.exec(`
      CREATE TABLE units (
        code        TEXT PRIMARY KEY CHECK (code <> ''),
        name        TEXT NOT NULL CHECK (name <> ''),
        parent_code TEXT REFERENCES units (code),
        created_at  TEXT NOT NULL,
        CHECK (parent_code IS NULL OR parent_code <> code)
      ) STRICT;
      CREATE INDEX units_parent ON units (parent_code);

      CREATE TABLE offices (
        office_code     TEXT PRIMARY KEY CHECK (office_code <> ''),
        name            TEXT,
        time_zone       TEXT,
        -- The kiosk's stamp (UTC) of the directory that named it, and whose: a later stamp from
        -- any kiosk of the office renames it, an earlier one (a USB file arriving late) does not.
        named_at        TEXT,
        named_by_device TEXT,
        unit_code       TEXT REFERENCES units (code)
      ) STRICT;
      CREATE INDEX offices_unit ON offices (unit_code);

      CREATE TABLE device_directories (
        device_id   TEXT PRIMARY KEY REFERENCES devices (device_id),
        revision    INTEGER NOT NULL CHECK (revision > 0),
        changed_at  TEXT NOT NULL,
        received_at TEXT NOT NULL,
        office_name TEXT NOT NULL,
        time_zone   TEXT NOT NULL,
        content     TEXT NOT NULL CHECK (json_valid(content))
      ) STRICT;

      CREATE TABLE directory_officers (
        device_id  TEXT NOT NULL REFERENCES devices (device_id),
        officer_id TEXT NOT NULL,
        code       TEXT NOT NULL,
        name       TEXT NOT NULL,
        title      TEXT NOT NULL,
        active     INTEGER NOT NULL CHECK (active IN (0, 1)),
        photo      TEXT,
        PRIMARY KEY (device_id, officer_id)
      ) STRICT;

      CREATE TABLE directory_service_areas (
        device_id TEXT NOT NULL REFERENCES devices (device_id),
        code      TEXT NOT NULL,
        name      TEXT NOT NULL,
        active    INTEGER NOT NULL CHECK (active IN (0, 1)),
        PRIMARY KEY (device_id, code)
      ) STRICT;

      CREATE TABLE directory_reasons (
        device_id TEXT NOT NULL REFERENCES devices (device_id),
        position  INTEGER NOT NULL,
        code      TEXT NOT NULL,
        label     TEXT NOT NULL,
        factor    TEXT,
        PRIMARY KEY (device_id, code)
      ) STRICT;
    `);
  },
};

export const sqliteMigrations: readonly SqliteMigration[] = [initial, syncFiles, reasonAnswers, deviceKeyChanges, recordChain, deviceIncidents, reasonAnswerReferences, dossierCodeIndex, accountsSqliteMigration, directory, healthSqliteMigration, alertsSqliteMigration, deviceStateSqliteMigration, talliesSqliteMigration];
