import { recordLink } from '../../../shared/node/record-chain';
import { GENESIS_LINK, type ChainRecordKind } from '../../../shared/sync/chain';
import type { RatingRow } from '../ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../reason-answers-repo';
import { toWireRating } from '../sync/wire-rating';
import type { Migration } from './migration';

/**
 * The device's record chain (issue 11, shared/sync/chain.ts): one row per rating and reason
 * answer, in the order the kiosk stored them, each with its link (the hash of the previous link
 * and the record's format-1 wire form). From now on the repos append a record's row in the
 * record's own insert transaction (record-chain-repo.ts); append-only like `staff_pin_audit`.
 *
 * Ratings and reason answers stored before this version are chained here, once: every rating
 * in seq order (from seq 1, synced or not), then every reason answer in insertion order (rowid),
 * positions 1..N, `migrated = 1`. Their content is what the kiosk stored, not something central
 * saw chained, so the first signed head tells central through which position (`migratedThrough`)
 * the chain covers records from before the chain: central takes what it already holds of them
 * as unchained history and verifies from that link on.
 */
export const recordChain: Migration = {
  version: 12,
  name: 'record chain',
  up: (db) => {
    db.exec(`
      CREATE TABLE record_chain (
        position  INTEGER PRIMARY KEY CHECK (position >= 1),
        kind      TEXT NOT NULL CHECK (kind IN ('rating', 'reason-answer')),
        record_id TEXT NOT NULL UNIQUE,
        link      TEXT NOT NULL CHECK (length(link) = 64),
        migrated  INTEGER NOT NULL DEFAULT 0 CHECK (migrated IN (0, 1))
      ) STRICT;

      CREATE TRIGGER record_chain_no_update BEFORE UPDATE ON record_chain
      BEGIN SELECT RAISE(ABORT, 'record_chain is append-only'); END;
      CREATE TRIGGER record_chain_no_delete BEFORE DELETE ON record_chain
      BEGIN SELECT RAISE(ABORT, 'record_chain is append-only'); END;
    `);
    const insert = db.prepare('INSERT INTO record_chain (position, kind, record_id, link, migrated) VALUES (?, ?, ?, ?, 1)');
    let previous = GENESIS_LINK;
    let position = 0;
    const chain = (kind: ChainRecordKind, record: { id: string }) => {
      position += 1;
      previous = recordLink(previous, position, kind, record);
      insert.run(position, kind, record.id, previous);
    };
    // In pages of 1,000 (a kiosk may hold years of ratings; an insert cannot run while a read
    // statement is open, so no .iterate()), keyed on the order itself.
    const ratings = db.prepare('SELECT rowid AS rid, * FROM ratings WHERE seq > @seq OR (seq = @seq AND rowid > @rid) ORDER BY seq, rowid LIMIT 1000');
    for (let after = { seq: 0, rid: 0 }; ; ) {
      const page = ratings.all(after) as (RatingRow & { rid: number })[];
      for (const row of page) chain('rating', toWireRating(row));
      const last = page.at(-1);
      if (last === undefined) break;
      after = { seq: last.seq, rid: last.rid };
    }
    const answers = db.prepare('SELECT rowid AS rid, * FROM reason_answers WHERE rowid > ? ORDER BY rowid LIMIT 1000');
    for (let after = 0; ; ) {
      const page = answers.all(after) as (ReasonAnswerRow & { rid: number })[];
      for (const row of page) chain('reason-answer', toWireReasonAnswer(row));
      const last = page.at(-1);
      if (last === undefined) break;
      after = last.rid;
    }
  },
};
