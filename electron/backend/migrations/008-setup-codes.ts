import type { Migration } from './migration';

/**
 * No default PIN on a kiosk that is set up (issue 10). A provisioning file may carry one-time
 * setup codes for the section head and the IT admin (as scrypt hashes); the IT admin may set
 * the section head's initial PIN on the setup screen.
 *
 * `staff_credentials.setup_code` marks a credential that is a setup code: 'unused' until the
 * first sign-in with it, then 'used' (it no longer opens a session; only the session it opened
 * may change it). NULL for every ordinary PIN. A new PIN (changed, reset) sets it back to NULL.
 *
 * `staff_pin_audit` gains three events: 'setup-code' (a provisioning file set a role's setup
 * code; actor = who imported it, via 'provisioning-file' or 'kiosk-cli'), 'setup-code-used' (a
 * sign-in with it, via 'staff-area') and 'initial-pin' (the IT admin set the section head's
 * first PIN during setup, via 'setup-screen'). SQLite cannot alter a CHECK, so the table is
 * rebuilt as in migration 005: rows copied with their ids, append-only triggers recreated.
 * Still never a PIN, a code or a hash.
 */
export const setupCodes: Migration = {
  version: 8,
  name: 'setup codes and initial PINs',
  up: (db) => {
    db.exec(`
      ALTER TABLE staff_credentials ADD COLUMN setup_code TEXT CHECK (setup_code IN ('unused', 'used'));

      DROP TRIGGER staff_pin_audit_no_update;
      DROP TRIGGER staff_pin_audit_no_delete;

      CREATE TABLE staff_pin_audit_v8 (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        event            TEXT NOT NULL CHECK (event IN ('locked', 'reset', 'setup-code', 'setup-code-used', 'initial-pin')),
        subject          TEXT NOT NULL CHECK (subject IN ('role:section-head', 'role:it-admin') OR subject GLOB 'officer:*'),
        failures         INTEGER CHECK (failures > 0),
        retry_at         TEXT,
        actor_role       TEXT CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT,
        via              TEXT NOT NULL CHECK (via IN ('staff-area', 'kiosk-cli', 'provisioning-file', 'setup-screen')),
        CHECK (event <> 'locked' OR (failures IS NOT NULL AND retry_at IS NOT NULL)),
        CHECK (event NOT IN ('reset', 'setup-code', 'initial-pin') OR (actor_role IS NOT NULL AND actor_name IS NOT NULL))
      ) STRICT;

      INSERT INTO staff_pin_audit_v8 (id, at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
        SELECT id, at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via FROM staff_pin_audit;

      DROP TABLE staff_pin_audit;
      ALTER TABLE staff_pin_audit_v8 RENAME TO staff_pin_audit;

      CREATE TRIGGER staff_pin_audit_no_update BEFORE UPDATE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
      CREATE TRIGGER staff_pin_audit_no_delete BEFORE DELETE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
    `);
  },
};
