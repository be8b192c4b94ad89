import type { Migration } from './migration';

/**
 * Every PIN event is audited (issue 10): `staff_pin_audit` gains 'default-pin-ended' — saving the
 * setup (setup screen, or a provisioning file from the IT screen or `kiosk import-provisioning`)
 * deleted a role's first-run default PIN 123456 that nobody had changed yet. Actor = who saved
 * the setup, via 'setup-screen', 'provisioning-file' or 'kiosk-cli'. SQLite cannot alter a CHECK,
 * so the table is rebuilt as in migration 009: triggers dropped first, rows copied with their
 * ids, append-only triggers recreated. Still never a PIN, a code or a hash.
 *
 * No data changes. Every version that stored the 'kiosk' settings value from a setup (a
 * provisioning file since the first one, the setup screen since it exists) stored the
 * 'provisioning' value in the same transaction, and the kiosk settings never held an office code
 * to rebuild one from: a 'kiosk' value without 'provisioning' was written by a tool, which is not
 * IT's setup, so such a kiosk keeps its default PIN until the setup is saved.
 */
export const defaultPinEnded: Migration = {
  version: 11,
  name: 'PIN audit: default PIN ended',
  up: (db) => {
    db.exec(`
      DROP TRIGGER staff_pin_audit_no_update;
      DROP TRIGGER staff_pin_audit_no_delete;

      CREATE TABLE staff_pin_audit_v11 (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        event            TEXT NOT NULL CHECK (event IN ('locked', 'reset', 'setup-code', 'setup-code-used', 'initial-pin', 'default-pin-ended')),
        subject          TEXT NOT NULL CHECK (subject IN ('role:section-head', 'role:it-admin') OR subject GLOB 'officer:*'),
        failures         INTEGER CHECK (failures > 0),
        retry_at         TEXT,
        actor_role       TEXT CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT,
        via              TEXT NOT NULL CHECK (via IN ('staff-area', 'kiosk-cli', 'provisioning-file', 'setup-screen', 'pin-reset-file')),
        CHECK (event <> 'locked' OR (failures IS NOT NULL AND retry_at IS NOT NULL)),
        CHECK (event NOT IN ('reset', 'setup-code', 'initial-pin', 'default-pin-ended') OR (actor_role IS NOT NULL AND actor_name IS NOT NULL))
      ) STRICT;

      INSERT INTO staff_pin_audit_v11 (id, at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
        SELECT id, at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via FROM staff_pin_audit;

      DROP TABLE staff_pin_audit;
      ALTER TABLE staff_pin_audit_v11 RENAME TO staff_pin_audit;

      CREATE TRIGGER staff_pin_audit_no_update BEFORE UPDATE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
      CREATE TRIGGER staff_pin_audit_no_delete BEFORE DELETE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
    `);
  },
};
