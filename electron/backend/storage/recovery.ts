// Rebuilding a damaged database (issue 12). Invariants:
//  - the damaged kiosk.db moves with its -wal and -shm into quarantine (quarantine.ts), never deleted;
//  - the new database is built under a temporary name from the newest verified snapshot by the
//    backup API (none: a fresh database through the migrations), then every record the snapshot
//    lacks is replayed in chain-position order, from the tap journal or the quarantined file
//    (salvage.ts), through the normal insert functions: each gets its old seq and position, and
//    its recomputed link must equal the one its source carries. A position no source holds with a
//    matching link is a break: nothing after it is replayed, and the rest is declared lost;
//  - the signed incident is stored in the new database, which is then closed and renamed to
//    kiosk.db (fsynced): a kiosk.db is either the damaged one or a whole rebuild, never half;
//  - `rebuild.json` in the data folder marks a rebuild under way (written before anything moves,
//    removed last). A start that finds it redoes the rebuild from the quarantined files
//    (resumeRebuild), so a kill -9 or power cut midway never leaves a fresh, empty kiosk.db.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { z } from 'zod';
import { recordLink } from '../../../shared/node/record-chain';
import { signChainHead, type ChainRecordKind } from '../../../shared/sync/chain';
import { signIncident } from '../../../shared/sync/incident';
import { openDatabase } from '../database';
import type { Logger } from '../logger';
import { findRating, insertRating, nextRatingSeq } from '../ratings-repo';
import { findReasonAnswerFor, insertReasonAnswer, type ChosenReason } from '../reason-answers-repo';
import { chainHeadState } from '../record-chain-repo';
import type { SecretStore } from '../secret-store';
import { ensureDeviceId } from '../settings-repo';
import { ensureDeviceKey } from '../sync-files/device-key';
import { writeFileAtomic } from '../secret-store';
import { insertIncident } from './incidents-repo';
import { quarantineDatabase, quarantineDir } from './quarantine';
import { salvageRecords } from './salvage';
import { listSnapshots } from './snapshots';
import { fsyncPath } from './storage-files';
import { highestRatingSeq } from './storage-repo';
import type { RecoveryReport } from './storage-status';
import { readTapJournal, retireJournal, type JournalEntry, type JournalRecord } from './tap-journal';

const DATABASE_FILE = 'kiosk.db';
const MARKER = 'rebuild.json';
const BUILDING = `${DATABASE_FILE}.rebuilding`;

export interface RebuildOptions {
  dataDir: string;
  /** Why: a classifyStorageError reason ('not-a-database', 'sqlite-corrupt') or 'quick-check' / 'integrity-check'. */
  reason: { code: string; detail?: string };
  now: () => Date;
  secrets: SecretStore;
  log: Logger;
  /** Test hook: called between the steps ('quarantined', 'restored', 'replayed', 'renamed'). */
  step?: (name: string) => void;
}

const markerSchema = z.object({ reason: z.object({ code: z.string(), detail: z.string().optional() }), detectedAt: z.string(), quarantineDir: z.string().nullable() });
type Marker = z.infer<typeof markerSchema>;

export function rebuildPending(dataDir: string): boolean {
  return existsSync(join(dataDir, MARKER));
}

/** Quarantines the damaged database and builds a new kiosk.db; returns it open, with the report. */
export async function rebuildDatabase(options: RebuildOptions): Promise<{ db: Database; report: RecoveryReport }> {
  const { dataDir, now } = options;
  const marker: Marker = { reason: options.reason, detectedAt: now().toISOString(), quarantineDir: null };
  writeMarker(dataDir, marker);
  const started = Date.now();
  const moved = quarantineDatabase(dataDir, options.reason, { now });
  writeMarker(dataDir, { ...marker, quarantineDir: moved.folder });
  options.step?.('quarantined');
  return build(options, moved.folder, marker.detectedAt, started);
}

/** Finishes or redoes a rebuild a kill interrupted (rebuild.json present). */
export async function resumeRebuild(options: Omit<RebuildOptions, 'reason'>): Promise<{ db: Database; report: RecoveryReport } | null> {
  const { dataDir } = options;
  let marker: Marker;
  try {
    marker = markerSchema.parse(JSON.parse(readFileSync(join(dataDir, MARKER), 'utf8')));
  } catch {
    // A marker torn before it was whole: nothing had moved yet (it is written before the quarantine).
    rmSync(join(dataDir, MARKER), { force: true });
    return null;
  }
  const started = Date.now();
  if (marker.quarantineDir !== null && !existsSync(join(dataDir, BUILDING)) && existsSync(join(dataDir, DATABASE_FILE))) {
    // Renamed into place, killed before the marker went: the rebuild is whole.
    retireJournal(dataDir, marker.quarantineDir);
    rmSync(join(dataDir, MARKER), { force: true });
    return null;
  }
  const reason = { code: marker.reason.code, ...(marker.reason.detail === undefined ? {} : { detail: marker.reason.detail }) };
  let folder = marker.quarantineDir;
  if (folder === null) {
    // Killed around the quarantine: the damaged file is either still here or in the newest folder.
    folder = existsSync(join(dataDir, DATABASE_FILE)) ? quarantineDatabase(dataDir, reason, { now: options.now }).folder : newestQuarantineFolder(dataDir);
    if (folder === null) throw new Error('rebuild.json names no quarantine and no damaged database is left');
    writeMarker(dataDir, { ...marker, quarantineDir: folder });
  }
  options.log.warn({ folder }, 'an interrupted rebuild is redone');
  return build({ ...options, reason }, folder, marker.detectedAt, started);
}

async function build(options: RebuildOptions, folder: string, detectedAt: string, started: number): Promise<{ db: Database; report: RecoveryReport }> {
  const { dataDir, log } = options;
  const building = join(dataDir, BUILDING);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${building}${suffix}`, { force: true });
  const snapshot = listSnapshots(dataDir)[0] ?? null;
  if (snapshot !== null) {
    const source = new BetterSqlite3(snapshot.path, { readonly: true, fileMustExist: true });
    try {
      await source.backup(building);
    } finally {
      source.close();
    }
  }
  options.step?.('restored');
  const db = openDatabase(building);
  let report: RecoveryReport;
  try {
    const journal = readTapJournal(dataDir);
    const salvaged = salvageRecords(folder);
    const deviceId = ensureDeviceId(db, () => [...journal.entries, ...salvaged][0]?.record.deviceId as string | undefined ?? randomUUID());
    const replay = replayRecords(db, deviceId, journal.entries, salvaged);
    options.step?.('replayed');
    const incidentId = await recordIncident(db, options, { deviceId, detectedAt, folder, snapshot: snapshot?.file ?? null, ...replay, skipped: journal.skipped });
    report = {
      quarantineDir: folder,
      snapshot: snapshot?.file ?? null,
      salvaged: replay.fromSalvage,
      replayed: replay.fromJournal,
      lostChainRanges: replay.lostChainRanges,
      lostSeqRanges: replay.lostSeqRanges,
      incidentId,
      tookMs: 0,
    };
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  fsyncPath(building);
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  renameSync(building, join(dataDir, DATABASE_FILE));
  fsyncPath(dataDir);
  options.step?.('renamed');
  retireJournal(dataDir, folder);
  rmSync(join(dataDir, MARKER), { force: true });
  fsyncPath(dataDir);
  const reopened = openDatabase(join(dataDir, DATABASE_FILE));
  report.tookMs = Date.now() - started;
  log.warn({ ...report, lostChainRanges: report.lostChainRanges.length, lostSeqRanges: report.lostSeqRanges.length }, 'database rebuilt');
  return { db: reopened, report };
}

interface Replay {
  fromJournal: number;
  fromSalvage: number;
  lostChainRanges: { from: number; to: number }[];
  lostSeqRanges: { from: number; to: number }[];
}

/**
 * Replays, from the snapshot's head on, each position's first candidate whose link holds (the
 * journal's before the salvage's: its lines are hash-checked). Stops at the first position none
 * holds; everything known above it is declared lost.
 */
export function replayRecords(db: Database, deviceId: string, journal: readonly JournalEntry[], salvaged: readonly JournalEntry[]): Replay {
  const candidates = new Map<number, { entry: JournalEntry; source: 'journal' | 'salvage' }[]>();
  let highestPosition = 0;
  let highestSeq = 0;
  for (const [source, entries] of [['journal', journal], ['salvage', salvaged]] as const) {
    for (const entry of entries) {
      if (entry.record.deviceId !== deviceId) continue;
      const list = candidates.get(entry.record.chainPosition) ?? [];
      list.push({ entry, source });
      candidates.set(entry.record.chainPosition, list);
      highestPosition = Math.max(highestPosition, entry.record.chainPosition);
      if (entry.kind === 'rating' && typeof entry.record.seq === 'number') highestSeq = Math.max(highestSeq, entry.record.seq);
    }
  }
  const out: Replay = { fromJournal: 0, fromSalvage: 0, lostChainRanges: [], lostSeqRanges: [] };
  let head = chainHeadState(db);
  for (let position = head.position + 1; position <= highestPosition; position++) {
    const previous = head.link;
    const chosen = (candidates.get(position) ?? []).find(({ entry }) => recordLink(previous, position, entry.kind, entry.record) === entry.record.chainLink && fits(db, entry));
    if (chosen === undefined) {
      out.lostChainRanges.push({ from: position, to: highestPosition });
      break;
    }
    insertRecord(db, chosen.entry.kind, chosen.entry.record);
    head = chainHeadState(db);
    if (head.position !== position || head.link !== chosen.entry.record.chainLink) throw new Error(`replayed record ${chosen.entry.record.id} did not land at position ${position}`);
    if (chosen.source === 'journal') out.fromJournal += 1;
    else out.fromSalvage += 1;
  }
  const seq = highestRatingSeq(db) ?? 0;
  if (highestSeq > seq) out.lostSeqRanges.push({ from: seq + 1, to: highestSeq });
  return out;
}

/** A rating must take the next seq (insertRating gives it), an answer must find its rating. */
function fits(db: Database, entry: JournalEntry): boolean {
  const r = entry.record;
  if (entry.kind === 'rating') return r.seq === nextRatingSeq(db, r.deviceId as string);
  const ratingId = r.ratingId as string;
  return findRating(db, ratingId) !== undefined && findReasonAnswerFor(db, ratingId) === undefined;
}

function insertRecord(db: Database, kind: ChainRecordKind, r: JournalRecord): void {
  if (kind === 'rating') {
    insertRating(db, {
      id: r.id,
      device_id: r.deviceId as string,
      created_at: r.createdAt as string,
      local_day: r.localDay as string,
      scale: r.scale as never,
      level: r.level as number,
      officer_id: (r.officerId ?? null) as string | null,
      service_code: (r.serviceCode ?? null) as string | null,
      dossier_code: (r.dossierCode ?? null) as string | null,
      reasons: r.reasons as string[],
      flags: r.flags as string[],
      app_version: r.appVersion as string,
      boot_id: r.bootId as string,
    });
  } else {
    insertReasonAnswer(db, { id: r.id, ratingId: r.ratingId as string, deviceId: r.deviceId as string, createdAt: r.createdAt as string, reasons: r.reasons as ChosenReason[] });
  }
}

async function recordIncident(
  db: Database,
  options: RebuildOptions,
  facts: Replay & { deviceId: string; detectedAt: string; folder: string; snapshot: string | null; skipped: number },
): Promise<string> {
  const head = chainHeadState(db);
  if (head.position === 0) {
    // A chain head names position ≥ 1: with nothing chained there is nothing to declare lost either.
    options.log.warn('rebuilt an empty database: no incident to sign');
    return '';
  }
  const key = await ensureDeviceKey(db, options.secrets);
  const signedAt = options.now().toISOString();
  const chainHead = await signChainHead({ deviceId: facts.deviceId, ...head, signedAt: signedAt < facts.detectedAt ? facts.detectedAt : signedAt }, key.privateKey);
  const detail =
    `Lý do: ${options.reason.code}. Ảnh chụp: ${facts.snapshot ?? 'không có'}; ` +
    `khôi phục từ nhật ký: ${facts.fromJournal}, từ tệp hỏng: ${facts.fromSalvage}; dòng nhật ký hỏng bỏ qua: ${facts.skipped}; ` +
    `cách ly: ${facts.folder.split(/[\\/]/).slice(-1)[0] ?? ''}.`;
  const incident = await signIncident(
    {
      id: randomUUID(),
      deviceId: facts.deviceId,
      kind: 'database-rebuilt',
      detectedAt: facts.detectedAt,
      lostSeqRanges: facts.lostSeqRanges,
      lostChainRanges: facts.lostChainRanges,
      detail: detail.slice(0, 1000),
      chainHead,
    },
    key.privateKey,
  );
  insertIncident(db, incident);
  return incident.id;
}

function writeMarker(dataDir: string, marker: Marker): void {
  writeFileAtomic(join(dataDir, MARKER), `${JSON.stringify(marker)}\n`);
  fsyncPath(dataDir);
}

function newestQuarantineFolder(dataDir: string): string | null {
  const root = quarantineDir(dataDir);
  if (!existsSync(root)) return null;
  const names = readdirSync(root).sort();
  const newest = names.at(-1);
  return newest === undefined ? null : join(root, newest);
}
