// The kiosk's health record (issue 16, shared/sync/health-record.ts), built for each batch and
// sync file it sends: what central's IT staff need to judge the kiosk from afar. Plain Node:
// sizes from the file system, counts from health-record-repo.ts. It never blocks a batch: a
// record that cannot be built is left out (`buildHealthRecord` answers null and logs).
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { toLocalIso } from '../../../shared/local-time';
import { kioskHealthRecordSchema, type KioskHealthRecord } from '../../../shared/sync/health-record';
import { fileSize, freeBytes } from '../it-admin/diagnostics';
import type { Logger } from '../logger';
import { readKioskSettings } from '../settings-repo';
import { readHealthCounts } from './health-record-repo';

export interface HealthRecordInput {
  db: Database;
  /** The kiosk's own device id (its ratings carry it). */
  deviceId: string;
  /** The kiosk's clock now: the record's `recordedAt`, in the office's zone. */
  now: Date;
  appVersion: string;
  /** The records the batch (file) itself carries: not counted as pending. */
  carried?: { ratingIds: readonly string[]; reasonAnswerIds: readonly string[] };
  log?: Logger;
}

export function buildHealthRecord({ db, deviceId, now, appVersion, carried = { ratingIds: [], reasonAnswerIds: [] }, log }: HealthRecordInput): KioskHealthRecord | null {
  try {
    const { timeZone } = readKioskSettings(db);
    const counts = readHealthCounts(db, deviceId, carried);
    // better-sqlite3 names the open file; the -wal beside it holds what is not checkpointed yet.
    const file = db.name;
    return kioskHealthRecordSchema.parse({
      appVersion,
      recordedAt: toLocalIso(now, timeZone),
      timeZone,
      schemaVersion: counts.schemaVersion,
      pending: { ratings: counts.pendingRatings, reasonAnswers: counts.pendingReasonAnswers, oldestCreatedAt: counts.oldestPendingAt },
      quarantined: counts.quarantined,
      lastRating: counts.lastRatingSeq === null || counts.lastRatingAt === null ? null : { seq: counts.lastRatingSeq, createdAt: counts.lastRatingAt },
      storage: { databaseBytes: fileSize(file) + fileSize(`${file}-wal`), freeDiskBytes: freeBytes(dirname(file)) },
      incidents: { recorded: counts.incidentsRecorded, unacknowledged: counts.incidentsUnacknowledged },
    });
  } catch (error) {
    // Ratings matter more than health: the batch goes without it.
    log?.error({ err: error }, 'health record could not be built; sent without it');
    return null;
  }
}
