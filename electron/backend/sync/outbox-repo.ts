// All SQL for the sync outboxes (ratings: migration 002; reason answers: migration 006). A record
// leaves its outbox only inside `commitAck`, i.e. in the transaction that records central's
// acknowledgement of its id.
import type { Database } from 'better-sqlite3';
import { canonicalRatingJson, canonicalReasonAnswerJson, type SyncAck, type WireRating, type WireReasonAnswer } from '../../../shared/sync/wire';
import type { RatingRow } from '../ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../reason-answers-repo';
import { toWireRating } from './wire-rating';

export interface PendingRecords {
  ratings: WireRating[];
  reasonAnswers: WireReasonAnswer[];
}

/**
 * The oldest pending ratings in seq order, then the oldest pending reason answers, up to
 * `maxCount` records of each kind and `maxBytes` of JSON in all. Never empty while anything is
 * pending (one record is far below any byte limit).
 */
export function nextBatch(db: Database, maxCount: number, maxBytes: number): PendingRecords {
  const ratingRows = db
    .prepare('SELECT r.* FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id ORDER BY o.seq LIMIT ?')
    .all(maxCount) as RatingRow[];
  const answerRows = db
    .prepare('SELECT a.* FROM reason_outbox o JOIN reason_answers a ON a.id = o.answer_id ORDER BY o.queued LIMIT ?')
    .all(maxCount) as ReasonAnswerRow[];
  const batch: PendingRecords = { ratings: [], reasonAnswers: [] };
  let bytes = 0;
  const fits = (json: string) => {
    bytes += Buffer.byteLength(json) + 1;
    return batch.ratings.length + batch.reasonAnswers.length === 0 || bytes <= maxBytes;
  };
  for (const row of ratingRows) {
    const rating = toWireRating(row);
    if (!fits(canonicalRatingJson(rating))) return batch;
    batch.ratings.push(rating);
  }
  for (const row of answerRows) {
    const answer = toWireReasonAnswer(row);
    if (!fits(canonicalReasonAnswerJson(answer))) return batch;
    batch.reasonAnswers.push(answer);
  }
  return batch;
}

/** Every pending reason answer, oldest first: a sync file carries them all. */
export function pendingReasonAnswers(db: Database): WireReasonAnswer[] {
  return (
    db.prepare('SELECT a.* FROM reason_outbox o JOIN reason_answers a ON a.id = o.answer_id ORDER BY o.queued').all() as ReasonAnswerRow[]
  ).map(toWireReasonAnswer);
}

/**
 * Apply central's acknowledgement in one transaction: accepted and duplicate ids leave their
 * outbox (synced); conflicting ids move to quarantine with central's reason. Ids the ack does
 * not name stay pending. An id is a rating's or a reason answer's (UUIDs never collide), so each
 * is looked up in both outboxes. Returns how many records changed state.
 */
export function commitAck(db: Database, ack: SyncAck, at: string): number {
  const kinds = [
    {
      dequeue: db.prepare('DELETE FROM sync_outbox WHERE rating_id = ?'),
      quarantine: db.prepare('INSERT OR IGNORE INTO sync_quarantine (rating_id, reason, batch_id, quarantined_at) VALUES (?, ?, ?, ?)'),
    },
    {
      dequeue: db.prepare('DELETE FROM reason_outbox WHERE answer_id = ?'),
      quarantine: db.prepare('INSERT OR IGNORE INTO reason_quarantine (answer_id, reason, batch_id, quarantined_at) VALUES (?, ?, ?, ?)'),
    },
  ];
  return db
    .transaction(() => {
      let changed = 0;
      for (const kind of kinds) {
        for (const id of [...ack.accepted, ...ack.duplicate]) changed += kind.dequeue.run(id).changes;
        for (const { id, reason } of ack.conflicts) {
          if (kind.dequeue.run(id).changes > 0) {
            kind.quarantine.run(id, reason, ack.batchId, at);
            changed += 1;
          }
        }
      }
      return changed;
    })
    .immediate();
}

export interface OutboxStats {
  /** Ratings central has not acknowledged. */
  pendingCount: number;
  /** Reason answers central has not acknowledged (they travel in the same batches and files). */
  pendingReasonAnswers: number;
  oldestPendingAt: string | null;
  /** Records central refused as conflicting (ratings and reason answers): for IT staff to look at. */
  quarantinedCount: number;
}

export function outboxStats(db: Database): OutboxStats {
  const pending = db
    .prepare(
      `SELECT count(*) AS n,
              (SELECT r.created_at FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id ORDER BY o.seq LIMIT 1) AS oldest
       FROM sync_outbox`,
    )
    .get() as { n: number; oldest: string | null };
  const { q } = db.prepare('SELECT (SELECT count(*) FROM sync_quarantine) + (SELECT count(*) FROM reason_quarantine) AS q').get() as { q: number };
  const { a } = db.prepare('SELECT count(*) AS a FROM reason_outbox').get() as { a: number };
  return { pendingCount: pending.n, pendingReasonAnswers: a, oldestPendingAt: pending.oldest, quarantinedCount: q };
}

/** Ids central has acknowledged (neither pending nor quarantined), for tests and diagnostics. */
export function syncedRatingIds(db: Database): string[] {
  return (
    db
      .prepare(
        `SELECT id FROM ratings WHERE id NOT IN (SELECT rating_id FROM sync_outbox)
           AND id NOT IN (SELECT rating_id FROM sync_quarantine) ORDER BY seq`,
      )
      .all() as { id: string }[]
  ).map((r) => r.id);
}
