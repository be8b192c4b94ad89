import type { Migration } from './migration';

/**
 * The section head's service areas (staff area) are audited too, as `via = 'staff-area'`.
 * SQLite cannot alter a CHECK constraint, so the table is rebuilt as in migration 005: the
 * append-only triggers dropped first (they refuse the DELETE of DROP TABLE's copy anyway), new
 * table, rows copied with their ids, old table dropped, new one renamed, triggers recreated.
 * No other table references settings_audit.
 */
export const auditStaffArea: Migration = {
  version: 10,
  name: 'settings audit: staff area',
  up: (db) => {
    db.exec(`
      DROP TRIGGER settings_audit_no_update;
      DROP TRIGGER settings_audit_no_delete;

      CREATE TABLE settings_audit_v10 (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        actor_role       TEXT NOT NULL CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT NOT NULL,
        via              TEXT NOT NULL CHECK (via IN ('setup-screen', 'provisioning-file', 'kiosk-cli', 'staff-area')),
        key              TEXT NOT NULL,
        old_value        TEXT,
        new_value        TEXT
      ) STRICT;

      INSERT INTO settings_audit_v10 (id, at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
        SELECT id, at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value FROM settings_audit;

      DROP TABLE settings_audit;
      ALTER TABLE settings_audit_v10 RENAME TO settings_audit;

      CREATE TRIGGER settings_audit_no_update BEFORE UPDATE ON settings_audit
      BEGIN SELECT RAISE(ABORT, 'settings_audit is append-only'); END;
      CREATE TRIGGER settings_audit_no_delete BEFORE DELETE ON settings_audit
      BEGIN SELECT RAISE(ABORT, 'settings_audit is append-only'); END;
    `);
  },
};
