import type { Migration } from './migration';

/**
 * Changes made with the kiosk CLI (`configure-sync`, `import-provisioning`) are audited too,
 * as `via = 'kiosk-cli'`. SQLite cannot alter a CHECK constraint, so the table is rebuilt:
 * new table, rows copied with their ids, old table dropped, new one renamed. The append-only
 * triggers refuse DELETE, so they are dropped first (they go with the old table anyway) and
 * recreated on the new one. No other table references settings_audit.
 */
export const auditKioskCli: Migration = {
  version: 5,
  name: 'settings audit: kiosk CLI',
  up: (db) => {
    db.exec(`
      DROP TRIGGER settings_audit_no_update;
      DROP TRIGGER settings_audit_no_delete;

      CREATE TABLE settings_audit_v5 (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        actor_role       TEXT NOT NULL CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT NOT NULL,
        via              TEXT NOT NULL CHECK (via IN ('setup-screen', 'provisioning-file', 'kiosk-cli')),
        key              TEXT NOT NULL,
        old_value        TEXT,
        new_value        TEXT
      ) STRICT;

      INSERT INTO settings_audit_v5 (id, at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
        SELECT id, at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value FROM settings_audit;

      DROP TABLE settings_audit;
      ALTER TABLE settings_audit_v5 RENAME TO settings_audit;

      CREATE TRIGGER settings_audit_no_update BEFORE UPDATE ON settings_audit
      BEGIN SELECT RAISE(ABORT, 'settings_audit is append-only'); END;
      CREATE TRIGGER settings_audit_no_delete BEFORE DELETE ON settings_audit
      BEGIN SELECT RAISE(ABORT, 'settings_audit is append-only'); END;
    `);
  },
};
