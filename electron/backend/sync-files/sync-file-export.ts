// Export on the kiosk: pending ratings and reason answers (or a date range) into one signed
// .hlsync file on a USB folder. Written durably, then read back and verified before we say it is
// safe to remove the stick. Exporting marks nothing synced: only central's ack file does
// (import-ack).
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { SYNC_FILE_EXTENSION, buildSyncFile, verifySyncFile, type SyncFileManifest, type SyncFileRecords } from '../../../shared/sync-files/sync-file';
import { importPublicKey } from '../../../shared/sync-files/signed-file';
import { toLocalIso } from '../../../shared/local-time';
import { signChainHead } from '../../../shared/sync/chain';
import { MAX_BATCH_INCIDENTS, WIRE_FORMAT_VERSION, type WireFormatVersion } from '../../../shared/sync/wire';
import type { Logger } from '../logger';
import type { RatingRow } from '../ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../reason-answers-repo';
import { chainFieldsFor, chainHeadState } from '../record-chain-repo';
import type { SecretStore } from '../secret-store';
import { ensureDeviceId, readKioskSettings, readProvisioningInfo, readSyncFileState, saveSyncFileState } from '../settings-repo';
import { UNCHAINED_REASON, outboxStats, pendingReasonAnswers, quarantineUnchained } from '../sync/outbox-repo';
import { unsentIncidents } from '../storage/incidents-repo';
import { toWireRating } from '../sync/wire-rating';
import { pendingDirectory, rememberDirectoryInFile } from '../sync/directory-repo';
import { buildHealthRecord } from '../sync/health-record';
import { ensureDeviceKey } from './device-key';
import { removeStaleTemps, writeFileDurablyAsync } from './durable-file';

export interface ExportSyncFileOptions {
  db: Database;
  secrets: SecretStore;
  outDir: string;
  now: () => Date;
  appVersion: string;
  lastBootAt?: string | null;
  /** Inclusive local days (YYYY-MM-DD); default: every record central has not acknowledged. */
  range?: { fromDay: string; toDay: string };
  /** Ratings written so far / total, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
  /**
   * The file format (default WIRE_FORMAT_VERSION, the constant the HTTP batches follow too).
   * 2: chained records and the device's signed chain head in the manifest (issue 11).
   */
  formatVersion?: WireFormatVersion;
  /** Where a record without a chain row is reported (format 2 quarantines it, leaving it out). */
  log?: Logger;
}

export interface ExportedSyncFile {
  path: string;
  /** Ratings in the file. */
  count: number;
  reasonAnswerCount: number;
  fileNumber: number;
  manifest: SyncFileManifest;
}

export class NothingToExportError extends Error {
  constructor() {
    super('Không có đánh giá nào cần xuất: mọi đánh giá đã được máy chủ trung tâm xác nhận.');
    this.name = 'NothingToExportError';
  }
}

/** Files whose incidents are remembered until their ack is imported. */
const MAX_REMEMBERED_FILES = 20;

export async function exportSyncFile(options: ExportSyncFileOptions): Promise<ExportedSyncFile> {
  const { db, now } = options;
  removeStaleTemps(options.outDir);
  const deviceId = ensureDeviceId(db);
  const key = await ensureDeviceKey(db, options.secrets);
  const at = now();
  const chained = (options.formatVersion ?? WIRE_FORMAT_VERSION) === 2;
  const records = chained ? chainRecords(db, selectRecords(db, options.range), at, options.log) : selectRecords(db, options.range);
  if (records.ratings.length + records.reasonAnswers.length === 0) throw new NothingToExportError();
  const settings = readKioskSettings(db);
  const officeCode = readProvisioningInfo(db)?.officeCode ?? null;
  // Reserve the number before writing: a crash mid-export then costs a gap in file numbers
  // (harmless) instead of a second, different file under a number central may already hold
  // (which central would refuse as a replay).
  const reserved = readSyncFileState(db);
  const fileNumber = reserved.lastFileNumber + 1;
  // Every storage incident not yet acknowledged goes in the manifest (format 2); the file's ack
  // marks them sent (ack-import.ts), so which file carried which is kept beside the number.
  const incidents = chained ? unsentIncidents(db).slice(0, MAX_BATCH_INCIDENTS) : [];
  const incidentsInFiles = [...(reserved.incidentsInFiles ?? []), ...(incidents.length === 0 ? [] : [{ fileNumber, ids: incidents.map((i) => i.id) }])].slice(-MAX_REMEMBERED_FILES);
  saveSyncFileState(db, { ...reserved, lastFileNumber: fileNumber, ...(incidentsInFiles.length === 0 ? {} : { incidentsInFiles }) });
  // The directory, when central has not acknowledged its revision (issue 16), goes in the payload;
  // the file's ack acknowledges it (ack-import.ts), so which file carried which revision is kept.
  const directory = chained ? pendingDirectory(db, at) : null;
  if (directory !== null) rememberDirectoryInFile(db, fileNumber, directory.revision);
  const pending = outboxStats(db);
  // The health record (issue 16) goes in the payload beside the directory; its clock cannot tell
  // central the kiosk's drift (the file is carried for days), only when it was written.
  const health = chained ? buildHealthRecord({ db, deviceId, now: at, appVersion: options.appVersion, carried: { ratingIds: records.ratings.map((r) => r.id), reasonAnswerIds: records.reasonAnswers.map((a) => a.id) }, ...(options.log === undefined ? {} : { log: options.log }) }) : null;
  const createdAt = toLocalIso(at, settings.timeZone);
  // Read after the records: the head covers every position in the file.
  const chainHead = chained ? await signChainHead({ deviceId, ...chainHeadState(db), signedAt: createdAt }, key.privateKey) : undefined;
  const { bytes, manifest } = await buildSyncFile(
    {
      deviceId,
      officeCode,
      counter: settings.counterNumber,
      fileNumber,
      createdAt,
      health: {
        appVersion: options.appVersion,
        pendingCount: pending.pendingCount,
        pendingReasonAnswers: pending.pendingReasonAnswers,
        integrityCheck: integrityCheck(db),
        clock: toLocalIso(at, settings.timeZone),
        lastBootAt: options.lastBootAt ?? null,
      },
      ...(chainHead === undefined ? {} : { chainHead }),
      ...(incidents.length === 0 ? {} : { incidents }),
    },
    { ...records, ...(directory === null ? {} : { directory }), ...(health === null ? {} : { health }) },
    key.privateKey,
  );
  const total = records.ratings.length;
  options.onProgress?.(0, total);
  const path = await writeFileDurablyAsync(options.outDir, fileName(manifest), bytes, {
    onChunk: (written, size) => options.onProgress?.(Math.floor((total * written) / size), total),
  });
  // Read back from the stick (not from memory) and verify as central will.
  const back = new Uint8Array(readFileSync(path));
  await verifySyncFile(back, async () => importPublicKey(key.publicKey));
  if (back.length !== bytes.length) throw new Error('Tệp đọc lại khác tệp đã ghi');
  saveSyncFileState(db, { ...readSyncFileState(db), lastExportAt: at.toISOString() });
  return { path, count: total, reasonAnswerCount: manifest.reasonAnswerCount, fileNumber, manifest };
}

function selectRecords(db: Database, range: ExportSyncFileOptions['range']): SyncFileRecords {
  if (range === undefined) {
    const rows = db.prepare(`SELECT r.* FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id ORDER BY o.seq`).all() as RatingRow[];
    return { ratings: rows.map(toWireRating), reasonAnswers: pendingReasonAnswers(db) };
  }
  const rows = db.prepare(`SELECT * FROM ratings WHERE local_day BETWEEN ? AND ? ORDER BY seq`).all(range.fromDay, range.toDay) as RatingRow[];
  // A range re-exports a period (a lost stick), acknowledged or not, so it carries the answers
  // to that period's ratings whether pending or not: they are a few short records, central
  // counts each once, and a period then arrives whole whatever was acknowledged before.
  const answers = db
    .prepare(`SELECT a.* FROM reason_answers a JOIN ratings r ON r.id = a.rating_id WHERE r.local_day BETWEEN ? AND ? ORDER BY a.rowid`)
    .all(range.fromDay, range.toDay) as ReasonAnswerRow[];
  return { ratings: rows.map(toWireRating), reasonAnswers: answers.map(toWireReasonAnswer) };
}

/**
 * Format 2: each record with its chain fields. A record without a chain row (only a database
 * changed behind the app's back holds one) is left out, quarantined if pending, and logged.
 */
function chainRecords(db: Database, records: SyncFileRecords, at: Date, log: Logger | undefined): SyncFileRecords {
  const fields = chainFieldsFor(db, [...records.ratings, ...records.reasonAnswers].map((r) => r.id));
  const unchained: string[] = [];
  const chain = <R extends { id: string }>(list: R[]) =>
    list.flatMap((r) => {
      const f = fields.get(r.id);
      if (f === undefined) unchained.push(r.id);
      return f === undefined ? [] : [{ ...r, ...f }];
    });
  const out = { ratings: chain(records.ratings), reasonAnswers: chain(records.reasonAnswers) };
  if (unchained.length > 0) {
    quarantineUnchained(db, unchained, `sync-file-export ${at.toISOString()}`, at.toISOString());
    log?.error({ ids: unchained, reason: UNCHAINED_REASON }, 'records without a place in the record chain left out of the sync file');
  }
  return out;
}

function integrityCheck(db: Database): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ').slice(0, 2000) || 'ok';
}

/**
 * `<office>-q<counter>-<device>-f<fileNumber>-<seqFrom>-<seqTo>.hlsync`, safe on FAT32; a file
 * of reason answers only ends `-f<fileNumber>-lydo.hlsync` ("lý do"), having no seq range.
 */
export function fileName(m: SyncFileManifest): string {
  const office = (m.officeCode ?? 'kiosk').replace(/[^A-Za-z0-9.-]/g, '_');
  const contents = m.seqFrom === null || m.seqTo === null ? 'lydo' : `${m.seqFrom}-${m.seqTo}`;
  return `${office}-q${m.counter}-${m.deviceId.slice(0, 8)}-f${m.fileNumber}-${contents}${SYNC_FILE_EXTENSION}`;
}
