import type { Migration } from './migration';

/**
 * Counter officials (issue 4): officers, their PIN hashes, shifts, and the index the tallies
 * read through. `ratings` keeps its rows untouched: ratings already carry `officer_id` and
 * `service_code` (null before this version), so attribution needs no column change.
 */
export const staffAndShifts: Migration = {
  version: 3,
  name: 'officers, staff credentials, shifts, tally index',
  up: (db) => {
    db.exec(`
      CREATE TABLE officers (
        id             TEXT PRIMARY KEY,
        code           TEXT NOT NULL UNIQUE,
        name           TEXT NOT NULL,
        title          TEXT NOT NULL DEFAULT '',
        photo_data_url TEXT,
        active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at     TEXT NOT NULL
      ) STRICT;

      -- One row per subject that can sign in: 'role:section-head', 'role:it-admin',
      -- 'officer:<uuid>'. Only a salted scrypt hash is stored, never the PIN.
      CREATE TABLE staff_credentials (
        subject     TEXT PRIMARY KEY CHECK (subject IN ('role:section-head', 'role:it-admin') OR subject GLOB 'officer:*'),
        pin_hash    TEXT NOT NULL CHECK (pin_hash GLOB 'scrypt$*'),
        must_change INTEGER NOT NULL CHECK (must_change IN (0, 1)),
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE shifts (
        id           TEXT PRIMARY KEY,
        officer_id   TEXT NOT NULL REFERENCES officers (id),
        started_at   TEXT NOT NULL,
        local_day    TEXT NOT NULL CHECK (local_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        service_code TEXT,
        ended_at     TEXT,
        end_reason   TEXT CHECK (end_reason IN ('signed-out', 'switched', 'end-of-day')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      ) STRICT;

      -- One counter, one officer on duty: at most one open shift, enforced by the database.
      CREATE UNIQUE INDEX shifts_one_open ON shifts ((ended_at IS NULL)) WHERE ended_at IS NULL;
      CREATE INDEX shifts_officer ON shifts (officer_id);

      -- Tallies read a local-day range and group by scale and level, skipping misuse flags:
      -- this index answers those queries (the level counts and the 30-day trend) without
      -- touching the table. It starts with local_day, so it replaces the plain one.
      CREATE INDEX ratings_day_tally ON ratings (local_day, scale, level, flags);
      DROP INDEX ratings_local_day;
    `);
  },
};
