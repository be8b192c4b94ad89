// All SQL for `reason_answers` (migration 006): the reasons a citizen picked after a negative
// rating, one append-only answer per rating.
import type { Database } from 'better-sqlite3';
import type { WireReasonAnswer } from '../../shared/sync/wire';
import { appendToChain, type ChainFields } from './record-chain-repo';

export interface ReasonAnswerRow {
  id: string;
  rating_id: string;
  device_id: string;
  created_at: string;
  reasons: string;
}

export interface ChosenReason {
  code: string;
  label: string;
}

/**
 * Throws SQLite's UNIQUE error when the rating already has an answer (the caller checks first).
 * Chains the answer (record_chain, issue 11) in the same transaction: both or neither.
 */
export function insertReasonAnswer(db: Database, answer: NewReasonAnswer): ReasonAnswerRow {
  return insertChainedReasonAnswer(db, answer).row;
}

export interface NewReasonAnswer {
  id: string;
  ratingId: string;
  deviceId: string;
  createdAt: string;
  reasons: readonly ChosenReason[];
}

/** insertReasonAnswer, also returning the wire form it chained and its chain fields (the tap journals these). */
export function insertChainedReasonAnswer(db: Database, answer: NewReasonAnswer): { row: ReasonAnswerRow; wire: WireReasonAnswer; chain: ChainFields } {
  const row: ReasonAnswerRow = {
    id: answer.id,
    rating_id: answer.ratingId,
    device_id: answer.deviceId,
    created_at: answer.createdAt,
    reasons: JSON.stringify(answer.reasons.map(({ code, label }) => ({ code, label }))),
  };
  const wire = toWireReasonAnswer(row);
  const chain = db
    .transaction((): ChainFields => {
      db.prepare('INSERT INTO reason_answers (id, rating_id, device_id, created_at, reasons) VALUES (@id, @rating_id, @device_id, @created_at, @reasons)').run(row);
      return appendToChain(db, 'reason-answer', wire);
    })
    .immediate();
  return { row, wire, chain };
}

export function findReasonAnswerFor(db: Database, ratingId: string): ReasonAnswerRow | undefined {
  return db.prepare('SELECT * FROM reason_answers WHERE rating_id = ?').get(ratingId) as ReasonAnswerRow | undefined;
}

/** The one serializer from a stored answer to the wire format, for HTTP sync and sync files. */
export function toWireReasonAnswer(row: ReasonAnswerRow): WireReasonAnswer {
  return {
    id: row.id,
    deviceId: row.device_id,
    ratingId: row.rating_id,
    createdAt: row.created_at,
    reasons: JSON.parse(row.reasons) as ChosenReason[],
  };
}
