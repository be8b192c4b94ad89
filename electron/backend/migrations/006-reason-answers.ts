import type { Migration } from './migration';

/**
 * Reasons a citizen gave after a negative rating (issue 5). The rating was committed at the tap
 * and never changes; the answer comes seconds later (or never), so it is its own append-only
 * record pointing at the rating — at most one per rating — with its own outbox, filled by a
 * trigger in the answer's own transaction exactly as `sync_outbox` is for ratings.
 */
export const reasonAnswers: Migration = {
  version: 6,
  name: 'reason answers',
  up: (db) => {
    db.exec(`
      CREATE TABLE reason_answers (
        id         TEXT PRIMARY KEY,
        rating_id  TEXT NOT NULL UNIQUE REFERENCES ratings (id),
        device_id  TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- [{"code": "THAI-DO", "label": "Thái độ cán bộ chưa tốt"}, …]: the Vietnamese label at the time.
        reasons    TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array' AND json_array_length(reasons) > 0)
      ) STRICT;

      CREATE TRIGGER reason_answers_no_update BEFORE UPDATE ON reason_answers
      BEGIN SELECT RAISE(ABORT, 'reason_answers are append-only'); END;
      CREATE TRIGGER reason_answers_no_delete BEFORE DELETE ON reason_answers
      BEGIN SELECT RAISE(ABORT, 'reason_answers are append-only'); END;

      CREATE TABLE reason_outbox (
        answer_id TEXT PRIMARY KEY REFERENCES reason_answers (id),
        queued    INTEGER NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE reason_quarantine (
        answer_id      TEXT PRIMARY KEY REFERENCES reason_answers (id),
        reason         TEXT NOT NULL,
        batch_id       TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER reason_answers_enqueue_for_sync AFTER INSERT ON reason_answers
      BEGIN INSERT INTO reason_outbox (answer_id, queued) VALUES (NEW.id, NEW.rowid); END;
    `);
  },
};
