// Migration 11 (issue 16): each device's newest health record and the count of health records
// central could not read, one migration for each store, appended to their lists
// (sqlite-migrations.ts, postgres-migrations.ts). Never edit once shipped: append another.
// The rules are central/health-records.ts.
import type { PostgresMigration } from './postgres-migrations';
import type { SqliteMigration } from './sqlite-migrations';

const HEALTH_VERSION = 11;
const HEALTH_NAME = 'device health records';

export const healthSqliteMigration: SqliteMigration = {
  version: HEALTH_VERSION,
  name: HEALTH_NAME,
  up: (db) => {
    db.exec(`
      CREATE TABLE device_health (
        device_id      TEXT PRIMARY KEY REFERENCES devices (device_id),
        -- The kiosk's own stamp, with its offset, as sent.
        recorded_at    TEXT NOT NULL,
        -- recorded_at (epoch ms), taken as no later than received_at: a higher one replaces the row.
        order_at_ms    INTEGER NOT NULL,
        received_at    TEXT NOT NULL,
        via            TEXT NOT NULL CHECK (via IN ('http', 'sync-file')),
        -- recorded_at − received_at; measured over HTTP only.
        clock_drift_ms INTEGER,
        record         TEXT NOT NULL CHECK (json_valid(record) AND json_type(record) = 'object'),
        CHECK ((via = 'http') = (clock_drift_ms IS NOT NULL))
      ) STRICT;

      CREATE TABLE device_health_refusals (
        device_id     TEXT PRIMARY KEY REFERENCES devices (device_id),
        refused_count INTEGER NOT NULL CHECK (refused_count > 0),
        last_at       TEXT NOT NULL,
        last_detail   TEXT NOT NULL
      ) STRICT;
    `);
  },
};

export const healthPostgresMigration: PostgresMigration = {
  version: HEALTH_VERSION,
  name: HEALTH_NAME,
  sql: `
    CREATE TABLE device_health (
      device_id      text PRIMARY KEY REFERENCES devices (device_id),
      recorded_at    text NOT NULL,
      order_at_ms    bigint NOT NULL,
      received_at    timestamptz NOT NULL,
      via            text NOT NULL CHECK (via IN ('http', 'sync-file')),
      clock_drift_ms bigint,
      record         jsonb NOT NULL CHECK (jsonb_typeof(record) = 'object'),
      CHECK ((via = 'http') = (clock_drift_ms IS NOT NULL))
    );

    CREATE TABLE device_health_refusals (
      device_id     text PRIMARY KEY REFERENCES devices (device_id),
      refused_count bigint NOT NULL CHECK (refused_count > 0),
      last_at       timestamptz NOT NULL,
      last_detail   text NOT NULL
    );
  `,
};
