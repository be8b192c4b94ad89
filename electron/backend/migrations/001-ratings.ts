import type { Migration } from './migration';

/**
 * The first schema. `ratings` is append-only: later versions add columns or tables beside it,
 * never rewrite or delete rows. STRICT so a wrong type is an error, not a silent coercion.
 */
export const ratingsTable: Migration = {
  version: 1,
  name: 'settings and ratings',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE ratings (
        id           TEXT PRIMARY KEY,
        device_id    TEXT NOT NULL,
        seq          INTEGER NOT NULL CHECK (seq > 0),
        created_at   TEXT NOT NULL,
        local_day    TEXT NOT NULL CHECK (local_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        scale        TEXT NOT NULL,
        level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        officer_id   TEXT,
        service_code TEXT,
        dossier_code TEXT,
        reasons      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        flags        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags) AND json_type(flags) = 'array'),
        app_version  TEXT NOT NULL,
        boot_id      TEXT NOT NULL,
        UNIQUE (device_id, seq)
      ) STRICT;

      CREATE INDEX ratings_local_day ON ratings (local_day);

      -- Append-only, enforced by the database itself rather than by convention.
      CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
    `);
  },
};
