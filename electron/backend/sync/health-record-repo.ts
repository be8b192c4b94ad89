// The SQL behind the kiosk's health record (issue 16, health-record.ts): counts and times read in
// one statement, each a scalar subquery over a constant row (as `outboxStats`), so a backlog of
// 100,000 pending ratings costs index lookups, not scans.
import type { Database, Statement } from 'better-sqlite3';

export interface HealthCounts {
  pendingRatings: number;
  pendingReasonAnswers: number;
  /** createdAt of the lowest pending seq not carried. */
  oldestPendingAt: string | null;
  quarantined: number;
  lastRatingSeq: number | null;
  lastRatingAt: string | null;
  incidentsRecorded: number;
  incidentsUnacknowledged: number;
  schemaVersion: number;
}

interface HealthRow {
  pending_ratings: number;
  carried_ratings: number;
  oldest: string | null;
  pending_answers: number;
  carried_answers: number;
  quarantined: number;
  last_seq: number | null;
  last_at: string | null;
  incidents: number;
  unacknowledged: number;
}

const prepared = new WeakMap<Database, Statement>();

/**
 * What the health record counts, leaving out the pending records `carried` (the ids a batch or
 * sync file itself carries): "pending" then means what would still wait once it is acknowledged.
 */
export function readHealthCounts(db: Database, deviceId: string, carried: { ratingIds: readonly string[]; reasonAnswerIds: readonly string[] }): HealthCounts {
  let statement = prepared.get(db);
  if (statement === undefined) {
    statement = db.prepare(`
      SELECT (SELECT count(*) FROM sync_outbox) AS pending_ratings,
             (SELECT count(*) FROM sync_outbox WHERE rating_id IN (SELECT value FROM json_each(@ratings))) AS carried_ratings,
             (SELECT r.created_at FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id
                WHERE o.rating_id NOT IN (SELECT value FROM json_each(@ratings)) ORDER BY o.seq LIMIT 1) AS oldest,
             (SELECT count(*) FROM reason_outbox) AS pending_answers,
             (SELECT count(*) FROM reason_outbox WHERE answer_id IN (SELECT value FROM json_each(@answers))) AS carried_answers,
             (SELECT count(*) FROM sync_quarantine) + (SELECT count(*) FROM reason_quarantine) AS quarantined,
             (SELECT seq FROM ratings WHERE device_id = @device ORDER BY seq DESC LIMIT 1) AS last_seq,
             (SELECT created_at FROM ratings WHERE device_id = @device ORDER BY seq DESC LIMIT 1) AS last_at,
             (SELECT count(*) FROM storage_incidents) AS incidents,
             (SELECT count(*) FROM storage_incidents WHERE sent_at IS NULL) AS unacknowledged`);
    prepared.set(db, statement);
  }
  // By (device_id, seq), the ratings' unique index: the newest rating without a scan.
  const row = statement.get({ device: deviceId, ratings: JSON.stringify(carried.ratingIds), answers: JSON.stringify(carried.reasonAnswerIds) }) as HealthRow;
  return {
    pendingRatings: row.pending_ratings - row.carried_ratings,
    pendingReasonAnswers: row.pending_answers - row.carried_answers,
    oldestPendingAt: row.oldest,
    quarantined: row.quarantined,
    lastRatingSeq: row.last_seq,
    lastRatingAt: row.last_at,
    incidentsRecorded: row.incidents,
    incidentsUnacknowledged: row.unacknowledged,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  };
}
