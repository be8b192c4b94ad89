// Snapshots of kiosk.db (issue 12): the newest verified one is what a rebuild after corruption
// starts from. Invariants:
//  - taken with SQLite's online backup API (better-sqlite3's backup()), never a file copy: a
//    copy of a WAL database taken while it is written can be torn;
//  - a file under a final name `kiosk-<UTC>.db` is complete and verified: the backup goes to a
//    temporary `.snapshot-…` name, is opened read-only and passes quick_check with every table
//    of the source, is fsynced, and only then renamed (folder fsynced). A kill -9 midway leaves
//    at most a temporary file, which the next snapshot removes and listSnapshots never shows;
//  - its modification time is the moment it was verified (listSnapshots reads it back);
//  - retention keeps the newest `keep` within `maxTotalBytes`, and never deletes the newest.
import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ensurePrivateDir, makePrivateIfExists } from '../../../shared/node/file-modes';
import type { Logger } from '../logger';
import { quickCheck } from './corruption';
import { fsyncPath, utcStamp } from './storage-files';
import { highestRatingSeq, readDatabaseFile, tableNames } from './storage-repo';

export interface SnapshotTuning {
  /** How many snapshots to keep (the newest first). */
  keep: number;
  /** Their total size cap in bytes; the newest is kept even when it alone is larger. */
  maxTotalBytes: number;
  /** The least time between two snapshots while ratings arrive. */
  intervalMs: number;
}

export const defaultSnapshotTuning: SnapshotTuning = { keep: 5, maxTotalBytes: 200 * 1024 * 1024, intervalMs: 60 * 60 * 1000 };

export interface SnapshotInfo {
  file: string;
  path: string;
  bytes: number;
  /** When the backup started (UTC, from the name). */
  takenAt: string;
  /** When it passed its check (the file's modification time). */
  verifiedAt: string;
}

const FINAL_NAME = /^kiosk-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.db$/;
const TEMP_PREFIX = '.snapshot-';

export function snapshotsDir(dataDir: string): string {
  return join(dataDir, 'snapshots');
}

/** Verified snapshots, newest first. Temporary files of an interrupted snapshot are never listed. */
export function listSnapshots(dataDir: string): SnapshotInfo[] {
  const dir = snapshotsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((file) => {
      const match = FINAL_NAME.exec(file);
      if (match === null) return [];
      const path = join(dir, file);
      const stat = statSync(path);
      const [day, time] = (match[1] ?? '').split('T') as [string, string];
      const [h, m, s, ms] = time.slice(0, -1).split('-');
      return [{ file, path, bytes: stat.size, takenAt: `${day}T${h}:${m}:${s}.${ms}Z`, verifiedAt: stat.mtime.toISOString() }];
    })
    .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
}

export class SnapshotCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`Snapshot failed its check: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'SnapshotCheckError';
  }
}

/** Back up `db` into a new verified snapshot, then apply retention. */
export async function takeSnapshot(db: Database, dataDir: string, now: () => Date, tuning: Partial<SnapshotTuning> = {}): Promise<SnapshotInfo> {
  const { keep, maxTotalBytes } = { ...defaultSnapshotTuning, ...tuning };
  const dir = snapshotsDir(dataDir);
  ensurePrivateDir(dir);
  removeSnapshotTemps(dataDir);
  const takenAt = now();
  const expected = tableNames(db);
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${takenAt.getTime().toString(36)}.db`);
  // Created 0600 before SQLite writes into it; SQLite keeps an existing file's mode.
  closeSync(openSync(temp, 'wx', 0o600));
  try {
    await db.backup(temp);
    selfContained(temp);
    verify(temp, expected);
    makePrivateIfExists(temp);
    const verifiedAt = now();
    utimesSync(temp, verifiedAt, verifiedAt);
    fsyncPath(temp);
    const file = `kiosk-${utcStamp(takenAt)}.db`;
    renameSync(temp, join(dir, file));
    fsyncPath(dir);
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    throw error;
  }
  applyRetention(dataDir, keep, maxTotalBytes);
  const newest = listSnapshots(dataDir)[0];
  if (newest === undefined) throw new Error('Snapshot vanished after it was written');
  return newest;
}

/**
 * The copy inherits the source's WAL mode, and a WAL database opened even read-only grows
 * -wal and -shm files: switched to a rollback journal, a snapshot is one file.
 */
function selfContained(path: string): void {
  const copy = new BetterSqlite3(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function highestSeqIn(path: string): number | null | undefined {
  try {
    return readDatabaseFile(path, highestRatingSeq);
  } catch {
    return undefined;
  }
}

function verify(path: string, expectedTables: string[]): void {
  readDatabaseFile(path, (copy) => {
    const check = quickCheck(copy);
    if (!check.ok) throw new SnapshotCheckError(check.problems);
    const present = new Set(tableNames(copy));
    const missing = expectedTables.filter((name) => !present.has(name));
    if (missing.length > 0) throw new SnapshotCheckError(missing.map((name) => `table missing: ${name}`));
  });
}

/** Removes what an interrupted snapshot left (its temporary file and journal). */
export function removeSnapshotTemps(dataDir: string): string[] {
  const dir = snapshotsDir(dataDir);
  if (!existsSync(dir)) return [];
  const stale = readdirSync(dir).filter((name) => name.startsWith(TEMP_PREFIX));
  for (const name of stale) rmSync(join(dir, name), { force: true });
  return stale;
}

/** Keeps the newest `keep` snapshots whose running total stays within `maxTotalBytes`; always the newest. */
export function applyRetention(dataDir: string, keep: number, maxTotalBytes: number): string[] {
  const removed: string[] = [];
  let total = 0;
  let keeping = true;
  listSnapshots(dataDir).forEach((snapshot, index) => {
    total += snapshot.bytes;
    keeping = keeping && (index === 0 || (index < keep && total <= maxTotalBytes));
    if (keeping) return;
    rmSync(snapshot.path, { force: true });
    removed.push(snapshot.file);
  });
  return removed;
}

export interface SnapshotSchedule {
  /** Takes a snapshot when one is due: `intervalMs` since the last and ratings arrived since. */
  tick: () => Promise<SnapshotInfo | null>;
  /** At shutdown: a snapshot if ratings arrived since the last one, whatever the time. */
  final: () => Promise<SnapshotInfo | null>;
  /** Whether `final` has work: a snapshot in flight, or ratings since the last one. */
  hasPending: () => boolean;
  /** Now, whether or not ratings arrived: after setup or settings are saved, so a rebuild has the kiosk's identity before its first rating. */
  request: () => Promise<SnapshotInfo | null>;
  start: () => void;
  stop: () => void;
}

export interface SnapshotScheduleDeps {
  db: Database;
  dataDir: string;
  log: Logger;
  now: () => Date;
  tuning?: Partial<SnapshotTuning>;
  /** After each verified snapshot (the tap journal starts a new segment and prunes covered ones). */
  onTaken?: (info: SnapshotInfo) => void;
}

/** How often the schedule looks at the clock; the interval itself is measured on `now`. */
const LOOK_EVERY_MS = 60_000;

export function createSnapshotSchedule(deps: SnapshotScheduleDeps): SnapshotSchedule {
  const tuning = { ...defaultSnapshotTuning, ...deps.tuning };
  // The newest snapshot's highest seq: a start and stop without new ratings takes none. Unknown
  // (no snapshot, or unreadable): the first due look takes one if there are ratings at all, so
  // a kiosk killed before its shutdown snapshot gets a fresh one within the hour.
  const newest = listSnapshots(deps.dataDir)[0];
  let lastSeq = newest === undefined ? undefined : highestSeqIn(newest.path);
  let lastAt = newest?.takenAt;
  let running: Promise<SnapshotInfo | null> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const changed = (seq: number | null): seq is number => seq !== null && seq !== lastSeq;

  const snapshotIfChanged = (force = false): Promise<SnapshotInfo | null> => {
    if (running !== null) return force ? running.then(() => snapshotIfChanged(true)) : running;
    const seq = highestRatingSeq(deps.db);
    if (!force && !changed(seq)) return Promise.resolve(null);
    running = (async () => {
      try {
        const info = await takeSnapshot(deps.db, deps.dataDir, deps.now, tuning);
        lastSeq = seq;
        lastAt = info.takenAt;
        deps.log.info({ file: info.file, bytes: info.bytes, seq }, 'snapshot taken');
        try {
          deps.onTaken?.(info);
        } catch (error) {
          deps.log.error({ err: error }, 'after-snapshot step failed; the snapshot is kept');
        }
        return info;
      } catch (error) {
        deps.log.error({ err: error }, 'snapshot failed');
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const tick = (): Promise<SnapshotInfo | null> => {
    const due = lastAt === undefined || deps.now().getTime() - Date.parse(lastAt) >= tuning.intervalMs;
    return due ? snapshotIfChanged() : Promise.resolve(null);
  };

  return {
    tick,
    final: () => (running ?? Promise.resolve(null)).then(() => snapshotIfChanged()),
    hasPending: () => running !== null || changed(highestRatingSeq(deps.db)),
    request: () => snapshotIfChanged(true),
    start: () => {
      timer = setInterval(() => void tick(), LOOK_EVERY_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
