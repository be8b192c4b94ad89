// All SQL for the sync outboxes (ratings: migration 002; reason answers: migration 006). A record
// leaves its outbox only inside `commitAck`, i.e. in the transaction that records central's
// acknowledgement of its id.
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from '../../../shared/sync/chain';
import {
  canonicalRatingJson,
  canonicalReasonAnswerJson,
  type ChainedWireRating,
  type ChainedWireReasonAnswer,
  type SyncAck,
  type WireRating,
  type WireReasonAnswer,
} from '../../../shared/sync/wire';
import type { RatingRow } from '../ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../reason-answers-repo';
import { markIncidentsSent } from '../storage/incidents-repo';
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
  const { pendingRatings, pendingAnswers } = readStatements(db);
  const ratings = (pendingRatings.all(maxCount) as RatingRow[]).map(toWireRating);
  const reasonAnswers = (pendingAnswers.all(maxCount) as ReasonAnswerRow[]).map(toWireReasonAnswer);
  return fitBytes({ ratings, reasonAnswers }, maxBytes, canonicalRatingJson, canonicalReasonAnswerJson);
}

/** Pending records as format 2 sends them: each with its place in the record chain. */
export interface PendingChainedRecords {
  ratings: ChainedWireRating[];
  reasonAnswers: ChainedWireReasonAnswer[];
  /**
   * Ids of pending records (of either kind) that have no chain row: only a database changed
   * behind the app's back holds one. Not in the lists above; the caller quarantines them.
   */
  unchained: string[];
}

type ChainColumns = { chain_position: number | null; chain_link: string | null };

/** `nextBatch` for format 2: the same records, limits and order, with their chain fields. */
export function nextChainedBatch(db: Database, maxCount: number, maxBytes: number): PendingChainedRecords {
  const { pendingChainedRatings, pendingChainedAnswers } = readStatements(db);
  const unchained: string[] = [];
  const chained = <R extends { id: string }>(rows: (R & ChainColumns)[], wire: (row: R) => object) =>
    rows.flatMap((row) => {
      if (row.chain_position === null || row.chain_link === null) {
        unchained.push(row.id);
        return [];
      }
      return [{ ...wire(row), chainPosition: row.chain_position, chainLink: row.chain_link }];
    });
  const ratings = chained(pendingChainedRatings.all(maxCount) as (RatingRow & ChainColumns)[], toWireRating) as ChainedWireRating[];
  const reasonAnswers = chained(pendingChainedAnswers.all(maxCount) as (ReasonAnswerRow & ChainColumns)[], toWireReasonAnswer) as ChainedWireReasonAnswer[];
  return { ...fitBytes({ ratings, reasonAnswers }, maxBytes, canonicalJson, canonicalJson), unchained };
}

/**
 * The records that fit in `maxBytes` of JSON, in order (ratings first). The usual case, checked
 * at once: a list's JSON is its records' JSON joined by commas in brackets, so its byte length
 * is at least Σ(record bytes + 1), the count below. (Plain JSON.stringify never undercounts the
 * canonical form: same fields, maybe more.)
 */
function fitBytes<R, A>(all: { ratings: R[]; reasonAnswers: A[] }, maxBytes: number, ratingJson: (r: R) => string, answerJson: (a: A) => string): { ratings: R[]; reasonAnswers: A[] } {
  const upperBound = Buffer.byteLength(JSON.stringify(all.ratings)) + Buffer.byteLength(JSON.stringify(all.reasonAnswers));
  if (upperBound <= maxBytes) return all;
  const batch: { ratings: R[]; reasonAnswers: A[] } = { ratings: [], reasonAnswers: [] };
  let bytes = 0;
  const fits = (json: string) => {
    bytes += Buffer.byteLength(json) + 1;
    return batch.ratings.length + batch.reasonAnswers.length === 0 || bytes <= maxBytes;
  };
  for (const rating of all.ratings) {
    if (!fits(ratingJson(rating))) return batch;
    batch.ratings.push(rating);
  }
  for (const answer of all.reasonAnswers) {
    if (!fits(answerJson(answer))) return batch;
    batch.reasonAnswers.push(answer);
  }
  return batch;
}

/** Why a pending record without a chain row is quarantined (Vietnamese: IT staff read it). */
export const UNCHAINED_REASON = 'không có vị trí trong chuỗi bản ghi';

/**
 * Quarantines pending records that have no chain row, through the conflict path of `commitAck`
 * (as if central had refused them, under a batch id never sent): they leave the outbox instead
 * of blocking it, and stay in quarantine for IT staff. Ids no longer pending are left alone.
 */
export function quarantineUnchained(db: Database, ids: readonly string[], batchId: string, at: string): number {
  return commitAck(db, { batchId, accepted: [], duplicate: [], conflicts: ids.map((id) => ({ id, reason: UNCHAINED_REASON })), receivedAt: at }, at);
}

interface ReadStatements {
  pendingRatings: Statement<[number]>;
  pendingAnswers: Statement<[number]>;
  pendingChainedRatings: Statement<[number]>;
  pendingChainedAnswers: Statement<[number]>;
}

const preparedReads = new WeakMap<Database, ReadStatements>();

/** Prepared once per open database, as the ack's statements: a drain reads once per batch. */
function readStatements(db: Database): ReadStatements {
  let reads = preparedReads.get(db);
  if (reads === undefined) {
    reads = {
      pendingRatings: db.prepare('SELECT r.* FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id ORDER BY o.seq LIMIT ?'),
      pendingAnswers: db.prepare('SELECT a.* FROM reason_outbox o JOIN reason_answers a ON a.id = o.answer_id ORDER BY o.queued LIMIT ?'),
      pendingChainedRatings: db.prepare(
        `SELECT r.*, c.position AS chain_position, c.link AS chain_link FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id
           LEFT JOIN record_chain c ON c.record_id = r.id ORDER BY o.seq LIMIT ?`,
      ),
      pendingChainedAnswers: db.prepare(
        `SELECT a.*, c.position AS chain_position, c.link AS chain_link FROM reason_outbox o JOIN reason_answers a ON a.id = o.answer_id
           LEFT JOIN record_chain c ON c.record_id = a.id ORDER BY o.queued LIMIT ?`,
      ),
    };
    preparedReads.set(db, reads);
  }
  return reads;
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
 * The synced ids go to SQLite as one JSON array per outbox (json_each, each id a primary-key
 * lookup): one statement instead of two per id. `incidentIds`: the storage incidents the batch
 * carried, marked sent in the same transaction (issue 12).
 */
export function commitAck(db: Database, ack: SyncAck, at: string, incidentIds: readonly string[] = []): number {
  const synced = JSON.stringify([...ack.accepted, ...ack.duplicate]);
  return db
    .transaction(() => {
      let changed = 0;
      markIncidentsSent(db, incidentIds, at);
      for (const kind of ackStatements(db)) {
        changed += kind.dequeueAll.run(synced).changes;
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

interface AckStatements {
  dequeueAll: Statement<[string]>;
  dequeue: Statement<[string]>;
  quarantine: Statement<[string, string, string, string]>;
}

const preparedAck = new WeakMap<Database, AckStatements[]>();

/** Prepared once per open database: a drain commits an ack per batch. */
function ackStatements(db: Database): AckStatements[] {
  let kinds = preparedAck.get(db);
  if (kinds === undefined) {
    kinds = [
      {
        dequeueAll: db.prepare('DELETE FROM sync_outbox WHERE rating_id IN (SELECT value FROM json_each(?))'),
        dequeue: db.prepare('DELETE FROM sync_outbox WHERE rating_id = ?'),
        quarantine: db.prepare('INSERT OR IGNORE INTO sync_quarantine (rating_id, reason, batch_id, quarantined_at) VALUES (?, ?, ?, ?)'),
      },
      {
        dequeueAll: db.prepare('DELETE FROM reason_outbox WHERE answer_id IN (SELECT value FROM json_each(?))'),
        dequeue: db.prepare('DELETE FROM reason_outbox WHERE answer_id = ?'),
        quarantine: db.prepare('INSERT OR IGNORE INTO reason_quarantine (answer_id, reason, batch_id, quarantined_at) VALUES (?, ?, ?, ?)'),
      },
    ];
    preparedAck.set(db, kinds);
  }
  return kinds;
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
  // Scalar subqueries over a constant row: each runs once. (As a column beside count(*) FROM
  // sync_outbox, the oldest-pending lookup ran once per pending row: 0.9 ms at 100,000 pending,
  // paid after every batch of a drain.)
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM sync_outbox) AS n,
              (SELECT r.created_at FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id ORDER BY o.seq LIMIT 1) AS oldest,
              (SELECT count(*) FROM reason_outbox) AS a,
              (SELECT count(*) FROM sync_quarantine) + (SELECT count(*) FROM reason_quarantine) AS q`,
    )
    .get() as { n: number; oldest: string | null; a: number; q: number };
  return { pendingCount: row.n, pendingReasonAnswers: row.a, oldestPendingAt: row.oldest, quarantinedCount: row.q };
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
