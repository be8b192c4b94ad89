// The kiosk's open path (issue 12): every start goes through here, and it never throws for a
// storage fault. A damaged database (classifyStorageError says corrupt, or quick_check finds
// problems) is quarantined and rebuilt (recovery.ts); anything else — a full disk, a read-only
// folder, a lock, a newer schema, an I/O error — is out of service, and the file is left alone:
// moving a sound file aside could lose everything that is not broken.
import { existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../database';
import type { Logger } from '../logger';
import type { SecretStore } from '../secret-store';
import { classifyStorageError, quickCheck } from './corruption';
import { rebuildDatabase, rebuildPending, resumeRebuild } from './recovery';
import { chainHolds } from './storage-repo';
import { newestJournalRecord } from './tap-journal';
import type { StorageOpening } from './storage-status';
import { storageOutage } from './storage-outage';

export interface OpenStorageOptions {
  dataDir: string;
  now: () => Date;
  secrets: SecretStore;
  log: Logger;
  /**
   * How kiosk.db itself is opened (default database.ts `openDatabase`). Only tests pass one, to
   * inject file-system faults (a full disk, a read-only folder) where root's chmod cannot.
   */
  openDatabase?: (file: string) => Database;
}

export async function openStorage(options: OpenStorageOptions): Promise<StorageOpening> {
  const { dataDir, log } = options;
  try {
    mkdirSync(dataDir, { recursive: true });
    // An interrupted rebuild first: opening kiosk.db now could create a fresh, empty one.
    if (rebuildPending(dataDir)) {
      const resumed = await resumeRebuild(options);
      if (resumed !== null) return { kind: 'open', db: resumed.db, recovered: resumed.report };
    }
    const file = join(dataDir, 'kiosk.db');
    // SQLite's close checkpoints the -wal into kiosk.db and deletes it: hard links keep the
    // sidecars as found, so a damaged database goes to quarantine with them (and the salvage
    // reads them). Removed once the database checked sound.
    const kept = keepSidecars(file);
    let found: Found;
    try {
      found = openChecked(options, file);
    } catch (error) {
      dropKept(kept);
      throw error;
    }
    if (found.kind === 'open') dropKept(kept);
    else restoreKept(kept);
    if (found.kind === 'open') return found;
    const { db, report } = await rebuildDatabase({ dataDir, now: options.now, secrets: options.secrets, log, reason: found.reason });
    return { kind: 'open', db, recovered: report };
  } catch (error) {
    const verdict = classifyStorageError(error);
    // Debug only: the caller (kiosk-service.ts) logs an outage once per cause, not every 10 s retry.
    log.debug({ err: error }, 'storage out of service');
    // A rebuild that hit a damaged source twice is no better on retry: still out of service, never thrown.
    return storageOutage(verdict.verdict === 'corrupt' ? 'unknown' : verdict.reason, error);
  }
}

type Found = { kind: 'open'; db: Database; recovered: null } | { kind: 'damaged'; reason: { code: string; detail: string } };

/** Opens and checks; throws what is not corruption (the caller's out of service). */
function openChecked(options: OpenStorageOptions, file: string): Found {
  const { dataDir, log } = options;
  let db: Database;
  try {
    db = (options.openDatabase ?? openDatabase)(file);
  } catch (error) {
    const verdict = classifyStorageError(error);
    if (verdict.verdict !== 'corrupt') throw error;
    log.error({ err: error }, 'database damaged at start');
    return { kind: 'damaged', reason: { code: verdict.reason, detail: errorText(error) } };
  }
  const check = quickCheckOrThrow(db);
  if (check !== null) {
    db.close();
    log.error({ problems: check.slice(0, 5) }, 'quick_check failed at start');
    return { kind: 'damaged', reason: { code: 'quick-check', detail: check.slice(0, 3).join('; ') } };
  }
  // A database that opens and checks sound can still have lost commits (its -wal deleted or
  // replaced before a power cut): the journal's newest record, acknowledged, is then missing.
  const newest = newestJournalRecord(dataDir);
  if (newest !== undefined && !chainHolds(db, newest.chainPosition, newest.id, newest.chainLink)) {
    db.close();
    log.error({ position: newest.chainPosition, id: newest.id }, 'the database lacks the tap journal’s newest record');
    return { kind: 'damaged', reason: { code: 'journal-ahead', detail: `thiếu bản ghi ${newest.id} ở vị trí ${newest.chainPosition} của chuỗi` } };
  }
  return { kind: 'open', db, recovered: null };
}

const SIDECARS = ['-wal', '-shm'];
const KEPT = '.as-found';

function keepSidecars(file: string): string[] {
  const kept: string[] = [];
  for (const suffix of SIDECARS) {
    const sidecar = `${file}${suffix}`;
    rmSync(`${sidecar}${KEPT}`, { force: true }); // left by a start that was killed here
    if (!existsSync(sidecar)) continue;
    try {
      linkSync(sidecar, `${sidecar}${KEPT}`);
      kept.push(sidecar);
    } catch {
      // A file system without hard links: the sidecar may be checkpointed before quarantine, never a reason not to open.
    }
  }
  return kept;
}

function restoreKept(kept: readonly string[]): void {
  // SQLite's close removed the sidecar (or left it as it was): the link holds it as found.
  for (const sidecar of kept) renameSync(`${sidecar}${KEPT}`, sidecar);
}

function dropKept(kept: readonly string[]): void {
  for (const sidecar of kept) rmSync(`${sidecar}${KEPT}`, { force: true });
}

function quickCheckOrThrow(db: Database): string[] | null {
  try {
    const check = quickCheck(db);
    return check.ok ? null : check.problems;
  } catch (error) {
    db.close();
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
