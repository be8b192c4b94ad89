import type { Migration } from './migration';

/**
 * Storage incidents (issue 12, shared/sync/incident.ts): one row per signed incident the kiosk
 * recorded after rebuilding its database (or losing its -wal), `record` the signed incident JSON
 * exactly as it travels to central. Append-only: a row is never deleted and its content never
 * changes; `sent_at` is set once, when central acknowledged a batch or sync file carrying it.
 */
export const storageIncidents: Migration = {
  version: 13,
  name: 'storage incidents',
  up: (db) => {
    db.exec(`
      CREATE TABLE storage_incidents (
        id      TEXT PRIMARY KEY,
        at      TEXT NOT NULL,
        kind    TEXT NOT NULL,
        record  TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;

      CREATE TRIGGER storage_incidents_no_delete BEFORE DELETE ON storage_incidents
      BEGIN SELECT RAISE(ABORT, 'storage_incidents is append-only'); END;
      CREATE TRIGGER storage_incidents_no_update BEFORE UPDATE ON storage_incidents
      WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.kind IS NOT OLD.kind OR NEW.record IS NOT OLD.record
        OR OLD.sent_at IS NOT NULL OR NEW.sent_at IS NULL
      BEGIN SELECT RAISE(ABORT, 'storage_incidents is append-only (only sent_at, once)'); END;
    `);
  },
};
