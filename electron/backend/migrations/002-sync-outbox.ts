import type { Migration } from './migration';

/**
 * The sync outbox. A rating is pending while it has a row in `sync_outbox`; the row is removed
 * only in the transaction that commits central's acknowledgement of that id. A trigger fills the
 * outbox in the same transaction as the rating itself, so no code path can store a rating that
 * is not queued for sync. Ratings that central reports as conflicting move to `sync_quarantine`.
 */
export const syncOutbox: Migration = {
  version: 2,
  name: 'sync outbox and quarantine',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_outbox (
        rating_id TEXT PRIMARY KEY REFERENCES ratings (id),
        seq       INTEGER NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE sync_quarantine (
        rating_id      TEXT PRIMARY KEY REFERENCES ratings (id),
        reason         TEXT NOT NULL,
        batch_id       TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER ratings_enqueue_for_sync AFTER INSERT ON ratings
      BEGIN INSERT INTO sync_outbox (rating_id, seq) VALUES (NEW.id, NEW.seq); END;

      -- Every rating stored before this version has never been synced.
      INSERT INTO sync_outbox (rating_id, seq) SELECT id, seq FROM ratings;
    `);
  },
};
