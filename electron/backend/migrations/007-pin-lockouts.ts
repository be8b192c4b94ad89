import type { Migration } from './migration';

/**
 * PIN lockout per account (issue 10). Until version 6 one kiosk-wide counter in `settings`
 * ('pin_lockout') counted every wrong PIN and any right one reset it, so a correct sign-in as
 * one account cleared the failures run up against another. Now each subject that can sign in
 * ('role:section-head', 'role:it-admin', 'officer:<uuid>') has its own row; no row means no
 * failures. The old kiosk-wide state is dropped: it cannot be attributed to an account, and
 * copying it to every account would lock everybody out after the upgrade.
 *
 * `staff_pin_audit` records every lockout (an account's wrong PIN that starts a wait) and every
 * PIN reset, append-only like `settings_audit` (whose rows the IT screen reads as settings
 * changes, so PIN events get their own table). Never a PIN, a code or a hash: only who, when,
 * which account, how many failures and until when.
 */
export const pinLockouts: Migration = {
  version: 7,
  name: 'PIN lockout per account, PIN audit',
  up: (db) => {
    db.exec(`
      CREATE TABLE pin_lockouts (
        subject         TEXT PRIMARY KEY CHECK (subject IN ('role:section-head', 'role:it-admin') OR subject GLOB 'officer:*'),
        failures        INTEGER NOT NULL CHECK (failures > 0),
        last_failure_at TEXT NOT NULL CHECK (julianday(last_failure_at) IS NOT NULL)
      ) STRICT;

      CREATE TABLE staff_pin_audit (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        event            TEXT NOT NULL CHECK (event IN ('locked', 'reset')),
        subject          TEXT NOT NULL CHECK (subject IN ('role:section-head', 'role:it-admin') OR subject GLOB 'officer:*'),
        -- 'locked': the failures that started the wait and its end.
        failures         INTEGER CHECK (failures > 0),
        retry_at         TEXT,
        -- 'reset': who reset it. A lockout has no known actor (whoever stood at the pad).
        actor_role       TEXT CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT,
        via              TEXT NOT NULL CHECK (via IN ('staff-area', 'kiosk-cli')),
        CHECK (event <> 'locked' OR (failures IS NOT NULL AND retry_at IS NOT NULL)),
        CHECK (event <> 'reset' OR (actor_role IS NOT NULL AND actor_name IS NOT NULL))
      ) STRICT;

      CREATE TRIGGER staff_pin_audit_no_update BEFORE UPDATE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;
      CREATE TRIGGER staff_pin_audit_no_delete BEFORE DELETE ON staff_pin_audit
      BEGIN SELECT RAISE(ABORT, 'staff_pin_audit is append-only'); END;

      DELETE FROM settings WHERE key = 'pin_lockout';
    `);
  },
};
