// Migration 14 (issue 17): the tallies kept at ingest (central/tallies.ts), one migration for each
// store, appended to their lists (sqlite-migrations.ts, postgres-migrations.ts). It also fills
// them from the ratings and reason answers already stored, so a central upgraded with data keeps
// its figures. Never edit once shipped: append another. The fill is written out here, not shared
// with `tallies rebuild`, so a later change to the tables cannot change what this version does.
//
// Each primary key begins with local_day: every dashboard read is one range of local days. NULL
// officers and service areas are stored as '' (central/tallies.ts says why).
import type { PostgresMigration } from './postgres-migrations';
import type { SqliteMigration } from './sqlite-migrations';

const TALLIES_VERSION = 14;
const TALLIES_NAME = 'tallies kept at ingest';

export const talliesSqliteMigration: SqliteMigration = {
  version: TALLIES_VERSION,
  name: TALLIES_NAME,
  up: (db) => {
    db.exec(`
      CREATE TABLE tally_days (
        local_day    TEXT NOT NULL,
        device_id    TEXT NOT NULL,
        officer_id   TEXT NOT NULL,
        service_code TEXT NOT NULL,
        scale        TEXT NOT NULL,
        level        INTEGER NOT NULL,
        flags        TEXT NOT NULL,
        n            INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (local_day, device_id, officer_id, service_code, scale, level, flags)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE tally_hours (
        local_day  TEXT NOT NULL,
        device_id  TEXT NOT NULL,
        hour       INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
        officer_id TEXT NOT NULL,
        scale      TEXT NOT NULL,
        level      INTEGER NOT NULL,
        flags      TEXT NOT NULL,
        n          INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (local_day, device_id, hour, officer_id, scale, level, flags)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE tally_reasons (
        local_day  TEXT NOT NULL,
        device_id  TEXT NOT NULL,
        officer_id TEXT NOT NULL,
        flags      TEXT NOT NULL,
        code       TEXT NOT NULL,
        label      TEXT,
        n          INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (local_day, device_id, officer_id, flags, code)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO tally_days (local_day, device_id, officer_id, service_code, scale, level, flags, n)
        SELECT local_day, device_id, COALESCE(officer_id, ''), COALESCE(service_code, ''), scale, level, flags, count(*)
        FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
      INSERT INTO tally_hours (local_day, device_id, hour, officer_id, scale, level, flags, n)
        SELECT local_day, device_id, CAST(substr(created_at, 12, 2) AS INTEGER), COALESCE(officer_id, ''), scale, level, flags, count(*)
        FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
      INSERT INTO tally_reasons (local_day, device_id, officer_id, flags, code, label, n)
        SELECT local_day, device_id, officer_id, flags, code, max(label), count(*) FROM (
          SELECT r.local_day, r.device_id, COALESCE(r.officer_id, '') AS officer_id, r.flags,
                 json_extract(j.value, '$.code') AS code, max(json_extract(j.value, '$.label')) AS label
          FROM ratings r JOIN reason_answers a ON a.rating_id = r.id AND a.device_id = r.device_id, json_each(a.reasons) j
          GROUP BY r.id, code)
        WHERE code IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5;
    `);
  },
};

export const talliesPostgresMigration: PostgresMigration = {
  version: TALLIES_VERSION,
  name: TALLIES_NAME,
  sql: `
    CREATE TABLE tally_days (
      local_day    date NOT NULL,
      device_id    text NOT NULL,
      officer_id   text NOT NULL,
      service_code text NOT NULL,
      scale        text NOT NULL,
      level        smallint NOT NULL,
      flags        jsonb NOT NULL,
      n            bigint NOT NULL CHECK (n > 0),
      PRIMARY KEY (local_day, device_id, officer_id, service_code, scale, level, flags)
    );

    CREATE TABLE tally_hours (
      local_day  date NOT NULL,
      device_id  text NOT NULL,
      hour       smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
      officer_id text NOT NULL,
      scale      text NOT NULL,
      level      smallint NOT NULL,
      flags      jsonb NOT NULL,
      n          bigint NOT NULL CHECK (n > 0),
      PRIMARY KEY (local_day, device_id, hour, officer_id, scale, level, flags)
    );

    CREATE TABLE tally_reasons (
      local_day  date NOT NULL,
      device_id  text NOT NULL,
      officer_id text NOT NULL,
      flags      jsonb NOT NULL,
      code       text NOT NULL,
      label      text,
      n          bigint NOT NULL CHECK (n > 0),
      PRIMARY KEY (local_day, device_id, officer_id, flags, code)
    );

    INSERT INTO tally_days (local_day, device_id, officer_id, service_code, scale, level, flags, n)
      SELECT local_day, device_id, COALESCE(officer_id, ''), COALESCE(service_code, ''), scale, level, flags, count(*)
      FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO tally_hours (local_day, device_id, hour, officer_id, scale, level, flags, n)
      SELECT local_day, device_id, substr(created_at, 12, 2)::smallint, COALESCE(officer_id, ''), scale, level, flags, count(*)
      FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO tally_reasons (local_day, device_id, officer_id, flags, code, label, n)
      SELECT local_day, device_id, officer_id, flags, code, max(label), count(*) FROM (
        SELECT r.local_day, r.device_id, COALESCE(r.officer_id, '') AS officer_id, r.flags, j->>'code' AS code, max(j->>'label') AS label
        FROM ratings r JOIN reason_answers a ON a.rating_id = r.id AND a.device_id = r.device_id
        CROSS JOIN LATERAL jsonb_array_elements(a.reasons) j
        GROUP BY r.id, r.local_day, r.device_id, r.officer_id, r.flags, j->>'code') choices
      WHERE code IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5;
  `,
};
