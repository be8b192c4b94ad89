// All SQL for `reason_answers` (migration 006): the reasons a citizen picked after a negative
// rating, one append-only answer per rating.
import type { Database } from 'better-sqlite3';
import type { WireReasonAnswer } from '../../shared/sync/wire';

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

/** Throws SQLite's UNIQUE error when the rating already has an answer (the caller checks first). */
export function insertReasonAnswer(db: Database, answer: { id: string; ratingId: string; deviceId: string; createdAt: string; reasons: readonly ChosenReason[] }): void {
  db.prepare('INSERT INTO reason_answers (id, rating_id, device_id, created_at, reasons) VALUES (?, ?, ?, ?, ?)').run(
    answer.id,
    answer.ratingId,
    answer.deviceId,
    answer.createdAt,
    JSON.stringify(answer.reasons.map(({ code, label }) => ({ code, label }))),
  );
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
