// Migration 13 (issue 17): each device's rating count, highest seq, and the ranges of seqs and of
// record-chain positions central holds, kept at ingest (central/device-seq-ranges.ts) so
// GET /api/v1/devices never scans ratings or chain records. One migration for each store, appended to their lists; the migration fills both tables
// from the ratings already stored. On PostgreSQL it also adds the rate-limit windows several
// central instances share. Never edit once shipped: append another.
import type { PostgresMigration } from './postgres-migrations';
import type { SqliteMigration } from './sqlite-migrations';

const DEVICE_STATE_VERSION = 13;
const DEVICE_STATE_NAME = 'device rating state and seq ranges';

/**
 * Recounts both tables from the stored ratings (same SQL on SQLite and PostgreSQL). Islands: seq
 * minus its row number is constant along a run of consecutive seqs. Used by the migration and by
 * `central devices rebuild` (the stores' rebuildDeviceState), on empty tables.
 */
export const FILL_DEVICE_STATE_SQL = [
  `INSERT INTO device_rating_state (device_id, rating_count, max_seq)
   SELECT device_id, COUNT(*), MAX(seq) FROM ratings GROUP BY device_id`,
  `INSERT INTO device_ranges (device_id, series, range_from, range_to)
   SELECT device_id, 'seq', MIN(seq), MAX(seq)
   FROM (SELECT device_id, seq, seq - ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY seq) AS island FROM ratings) AS numbered
   GROUP BY device_id, island`,
  `INSERT INTO device_ranges (device_id, series, range_from, range_to)
   SELECT device_id, 'chain', MIN(position), MAX(position)
   FROM (SELECT device_id, position, position - ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY position) AS island FROM chain_records) AS numbered
   GROUP BY device_id, island`,
] as const;

export const deviceStateSqliteMigration: SqliteMigration = {
  version: DEVICE_STATE_VERSION,
  name: DEVICE_STATE_NAME,
  up: (db) => {
    db.exec(`
      CREATE TABLE device_rating_state (
        device_id    TEXT PRIMARY KEY REFERENCES devices (device_id),
        rating_count INTEGER NOT NULL CHECK (rating_count >= 0),
        max_seq      INTEGER NOT NULL CHECK (max_seq >= 0)
      ) STRICT;

      -- Disjoint, maximal ranges of the seqs ('seq') and chain positions ('chain') stored: the
      -- gaps are the holes between them.
      CREATE TABLE device_ranges (
        device_id  TEXT NOT NULL REFERENCES devices (device_id),
        series     TEXT NOT NULL CHECK (series IN ('seq', 'chain')),
        range_from INTEGER NOT NULL CHECK (range_from > 0),
        range_to   INTEGER NOT NULL,
        PRIMARY KEY (device_id, series, range_from),
        CHECK (range_to >= range_from)
      ) STRICT;
      CREATE UNIQUE INDEX device_ranges_to ON device_ranges (device_id, series, range_to);

      -- A device's chain report asks its heads for a few facts: each an index seek, not a scan.
      CREATE INDEX chain_heads_migrated ON chain_heads (device_id, migrated_through);
      CREATE INDEX chain_heads_unverified ON chain_heads (device_id) WHERE verified = 0;
    `);
    for (const sql of FILL_DEVICE_STATE_SQL) db.exec(sql);
  },
};

export const deviceStatePostgresMigration: PostgresMigration = {
  version: DEVICE_STATE_VERSION,
  name: DEVICE_STATE_NAME,
  sql: `
    CREATE TABLE device_rating_state (
      device_id    text PRIMARY KEY REFERENCES devices (device_id),
      rating_count bigint NOT NULL CHECK (rating_count >= 0),
      max_seq      bigint NOT NULL CHECK (max_seq >= 0)
    );

    CREATE TABLE device_ranges (
      device_id  text NOT NULL REFERENCES devices (device_id),
      series     text NOT NULL CHECK (series IN ('seq', 'chain')),
      range_from bigint NOT NULL CHECK (range_from > 0),
      range_to   bigint NOT NULL,
      PRIMARY KEY (device_id, series, range_from),
      CHECK (range_to >= range_from)
    );
    CREATE UNIQUE INDEX device_ranges_to ON device_ranges (device_id, series, range_to);
    CREATE INDEX chain_heads_migrated ON chain_heads (device_id, migrated_through);
    CREATE INDEX chain_heads_unverified ON chain_heads (device_id) WHERE NOT verified;

    ${FILL_DEVICE_STATE_SQL.join(';\n')};

    -- Rate-limit windows shared by every central instance on this database (postgres-rate-limits.ts).
    -- SQLite has no such table: one process serves it and counts in memory.
    CREATE TABLE rate_limit_windows (
      key        text PRIMARY KEY,
      started_ms bigint NOT NULL,
      window_ms  integer NOT NULL CHECK (window_ms > 0),
      hits       integer NOT NULL CHECK (hits > 0)
    );
    CREATE INDEX rate_limit_windows_end ON rate_limit_windows ((started_ms + window_ms));
  `,
};
