// Migration 12 (issue 17): alert rules, the alerts they raised (one row per episode) and the
// webhook's outbox, one migration for each store, appended to their lists. Never edit once
// shipped: append another. The rules are central/alerts/alert-evaluation.ts.
//
// Invariants the tables keep:
// - one alert per (rule, subject, ordinal): two central instances deciding at once that an
//   episode begins both insert the same next ordinal, and the database keeps one of them;
// - an alert and its outbox row are written in one transaction: an alert is never raised without
//   being sent, nor sent without being stored;
// - ratings (device, local day) are indexed so the evaluation after a batch reads one counter's
//   day or one unit's day, never the whole history.
import type { PostgresMigration } from '../store/postgres-migrations';
import type { SqliteMigration } from '../store/sqlite-migrations';

const ALERTS_VERSION = 12;
const ALERTS_NAME = 'alert rules, alerts (episodes), webhook outbox';

export const alertsSqliteMigration: SqliteMigration = {
  version: ALERTS_VERSION,
  name: ALERTS_NAME,
  up: (db) => {
    db.exec(`
      CREATE TABLE alert_rules (
        rule_id    TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('counter-run', 'unit-daily-rate', 'device-silent', 'device-integrity')),
        name       TEXT NOT NULL,
        params     TEXT NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        -- A removed rule stops firing; its alerts stay listed.
        removed_at TEXT
      ) STRICT;

      CREATE TABLE alerts (
        alert_id     TEXT PRIMARY KEY,
        rule_id      TEXT NOT NULL REFERENCES alert_rules (rule_id),
        -- What the episode is about: a device id, or unit code and local day.
        subject      TEXT NOT NULL,
        -- 0 for the subject's first episode under the rule, then 1, 2…
        ordinal      INTEGER NOT NULL CHECK (ordinal >= 0),
        unit_code    TEXT,
        device_id    TEXT,
        -- A counter run's span in the ratings' own time (epoch ms) while its condition holds; null for the other kinds.
        run_from_ms  INTEGER,
        run_to_ms    INTEGER,
        occurred_at  TEXT NOT NULL,
        detected_at  TEXT NOT NULL,
        cleared_at   TEXT,
        facts        TEXT NOT NULL CHECK (json_valid(facts) AND json_type(facts) = 'object'),
        subject_view TEXT NOT NULL CHECK (json_valid(subject_view) AND json_type(subject_view) = 'object'),
        message      TEXT NOT NULL,
        UNIQUE (rule_id, subject, ordinal)
      ) STRICT;
      CREATE INDEX alerts_detected ON alerts (detected_at);
      CREATE INDEX alerts_open ON alerts (rule_id, subject) WHERE cleared_at IS NULL;

      CREATE TABLE alert_outbox (
        alert_id        TEXT PRIMARY KEY REFERENCES alerts (alert_id),
        body            TEXT NOT NULL CHECK (json_valid(body)),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL,
        -- A delivery in progress on some instance (epoch ms it may be taken over after).
        lease_until_ms  INTEGER,
        delivered_at    TEXT,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_ms) WHERE delivered_at IS NULL;

      CREATE INDEX ratings_device_day ON ratings (device_id, local_day);
    `);
  },
};

export const alertsPostgresMigration: PostgresMigration = {
  version: ALERTS_VERSION,
  name: ALERTS_NAME,
  sql: `
    CREATE TABLE alert_rules (
      rule_id    text PRIMARY KEY,
      kind       text NOT NULL CHECK (kind IN ('counter-run', 'unit-daily-rate', 'device-silent', 'device-integrity')),
      name       text NOT NULL,
      params     jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      removed_at timestamptz
    );

    CREATE TABLE alerts (
      alert_id     text PRIMARY KEY,
      rule_id      text NOT NULL REFERENCES alert_rules (rule_id),
      subject      text NOT NULL,
      ordinal      integer NOT NULL CHECK (ordinal >= 0),
      unit_code    text,
      device_id    text,
      run_from_ms  bigint,
      run_to_ms    bigint,
      occurred_at  text NOT NULL,
      detected_at  timestamptz NOT NULL,
      cleared_at   timestamptz,
      facts        jsonb NOT NULL CHECK (jsonb_typeof(facts) = 'object'),
      subject_view jsonb NOT NULL CHECK (jsonb_typeof(subject_view) = 'object'),
      message      text NOT NULL,
      UNIQUE (rule_id, subject, ordinal)
    );
    CREATE INDEX alerts_detected ON alerts (detected_at);
    CREATE INDEX alerts_open ON alerts (rule_id, subject) WHERE cleared_at IS NULL;

    CREATE TABLE alert_outbox (
      alert_id        text PRIMARY KEY REFERENCES alerts (alert_id),
      -- Text, not jsonb: every attempt sends the same bytes.
      body            text NOT NULL,
      attempts        integer NOT NULL DEFAULT 0,
      next_attempt_ms bigint NOT NULL,
      lease_until_ms  bigint,
      delivered_at    timestamptz,
      last_error      text
    );
    CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_ms) WHERE delivered_at IS NULL;

    CREATE INDEX ratings_device_day ON ratings (device_id, local_day);
  `,
};
