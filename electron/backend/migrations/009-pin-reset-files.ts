import type { Migration } from './migration';

/**
 * PIN reset files signed by central (issue 10): `used_pin_reset_files` keeps the fileId of every
 * imported `.hlreset`, so each file works once (a copy left on a stick cannot reset the PIN
 * again). `staff_pin_audit.via` gains 'pin-reset-file'. SQLite cannot alter a CHECK, so the audit
 * table is rebuilt as in migration 008: rows copied with their ids, append-only triggers
 * recreated. Still never a PIN, a code or a hash.
 */
export const pinResetFiles: Migration = {
  version: 9,
  name: 'PIN reset files',
  up: (db) => {
    db.exec(`
      CREATE TABLE used_pin_reset_files (
        file_id   TEXT PRIMARY KEY,
        role      TEXT NOT NULL CHECK (role IN ('section-head', 'it-admin')),
        issued_at TEXT NOT NULL,
        used_at   TEXT NOT NULL
      ) STRICT;

      DROP TRIGGER staff_pin_audit_no_update;
      DROP TRIGGER staff_pin_audit_no_delete;

      CREATE TABLE staff_pin_audit_v9 (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        event            TEXT NOT NULL CHECK (event IN ('locked', 'reset', 'setup-code', 'setup-code-used', 'initial-pin')),
        subject          TEXT NOT NULL CHECK (subject IN ('role:section-head', 'role:it-admin') OR subject GLOB 'officer:*'),
        failures         INTEGER CHECK (failures > 0),
        retry_at         TEXT,
        actor_role       TEXT CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT,
        via              TEXT NOT NULL CHECK (via IN ('staff-area', 'kiosk-cli', 'provisioning-file', 'setup-screen', 'pin-reset-file')),
        CHECK (event <> 'locked' OR (failures IS NOT NULL AND retry_at IS NOT NULL)),
        CHECK (event NOT IN ('reset', 'setup-code', 'initial-pin') OR (actor_role IS NOT NULL AND actor_name IS NOT NULL))
      ) STRICT;

      INSERT INTO staff_pin_audit_v9 (id, at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
        SELECT id, at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via FROM staff_pin_audit;

      DROP TABLE staff_pin_audit;
      ALTER TABLE staff_pin_audit_v9 RENAME TO staff_pin_audit;

      CREATE TRIGGER staff_pin_audit_no_update BEFORE UPDATE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
      CREATE TRIGGER staff_pin_audit_no_delete BEFORE DELETE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
    `);
  },
};
