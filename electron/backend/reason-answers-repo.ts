// All SQL for `reason_answers` (migration 006): the reasons a citizen picked after a negative
// rating, one append-only answer per rating.
import type { Database } from 'better-sqlite3';
import type { WireReasonAnswer } from '../../shared/sync/wire';
import { appendToChain } from './record-chain-repo';

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
export function insertReasonAnswer(db: Database, answer: { id: string; ratingId: string; deviceId: string; createdAt: string; reasons: readonly ChosenReason[] }): ReasonAnswerRow {
  const row: ReasonAnswerRow = {
    id: answer.id,
    rating_id: answer.ratingId,
    device_id: answer.deviceId,
    created_at: answer.createdAt,
    reasons: JSON.stringify(answer.reasons.map(({ code, label }) => ({ code, label }))),
  };
  db.transaction(() => {
    db.prepare('INSERT INTO reason_answers (id, rating_id, device_id, created_at, reasons) VALUES (@id, @rating_id, @device_id, @created_at, @reasons)').run(row);
    appendToChain(db, 'reason-answer', toWireReasonAnswer(row));
  }).immediate();
  return row;
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
