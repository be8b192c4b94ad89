import type { Migration } from './migration';

/**
 * The IT admin's audit log (issue 5): one row per changed setting — who, when, through what,
 * old → new. Secrets are stored masked ('••••'), never in clear. Rows are never changed or
 * removed: triggers refuse UPDATE and DELETE, as for ratings.
 */
export const settingsAudit: Migration = {
  version: 4,
  name: 'settings audit log',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings_audit (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        actor_role       TEXT NOT NULL CHECK (actor_role IN ('officer', 'section-head', 'it-admin')),
        actor_officer_id TEXT,
        actor_name       TEXT NOT NULL,
        via              TEXT NOT NULL CHECK (via IN ('setup-screen', 'provisioning-file')),
        key              TEXT NOT NULL,
        old_value        TEXT,
        new_value        TEXT
      ) STRICT;

      CREATE TRIGGER settings_audit_no_update BEFORE UPDATE ON settings_audit
      BEGIN SELECT RAISE(ABORT, 'settings_audit is append-only'); END;
      CREATE TRIGGER settings_audit_no_delete BEFORE DELETE ON settings_audit
      BEGIN SELECT RAISE(ABORT, 'settings_audit is append-only'); END;
    `);
  },
};
