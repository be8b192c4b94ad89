// Moving a damaged database aside (issue 12). Invariants:
//  - kiosk.db moves together with its -wal and -shm (whichever exist) into one dated folder
//    `quarantine/<UTC>/`, with a reason.json beside them; nothing is ever deleted here except
//    whole older folders beyond the size cap, never the newest;
//  - reason.json is written (and fsynced) first and names every file that is to move, so an
//    interrupted quarantine is recognisable. The -wal and -shm move before kiosk.db: an
//    interruption never leaves a -wal beside a missing kiosk.db (SQLite would replay it into the
//    fresh database the next start creates); a kiosk.db left alone is found damaged again at
//    the next start, and the interrupted folder's reason.json says where its WAL went;
//  - the folders are fsynced after the renames (same file system: a rename, never a copy).
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../../../shared/node/file-modes';
import { folderBytes, fsyncPath, utcStamp } from './storage-files';

export const DEFAULT_QUARANTINE_CAP_BYTES = 500 * 1024 * 1024;

export interface QuarantineReason {
  /** A short code, e.g. a classifyStorageError reason ('not-a-database'). */
  code: string;
  detail?: string;
}

export interface QuarantineOptions {
  now?: () => Date;
  maxTotalBytes?: number;
  databaseFile?: string;
}

export interface QuarantineResult {
  folder: string;
  moved: string[];
  /** Older quarantine folders removed to stay within the cap. */
  removed: string[];
}

export function quarantineDir(dataDir: string): string {
  return join(dataDir, 'quarantine');
}

export function quarantineDatabase(dataDir: string, reason: QuarantineReason, options: QuarantineOptions = {}): QuarantineResult {
  const at = (options.now ?? (() => new Date()))();
  const name = options.databaseFile ?? 'kiosk.db';
  const root = quarantineDir(dataDir);
  ensurePrivateDir(root);
  let folder = join(root, utcStamp(at));
  for (let n = 2; existsSync(folder); n += 1) folder = join(root, `${utcStamp(at)}-${n}`);
  ensurePrivateDir(folder);
  // Sidecars first: see the invariants above.
  const files = [`${name}-wal`, `${name}-shm`, name].filter((file) => existsSync(join(dataDir, file)));
  const reasonFile = join(folder, 'reason.json');
  writeFileSync(reasonFile, `${JSON.stringify({ at: at.toISOString(), code: reason.code, detail: reason.detail ?? null, files }, null, 2)}\n`, { mode: 0o600 });
  fsyncPath(reasonFile);
  for (const file of files) renameSync(join(dataDir, file), join(folder, file));
  fsyncPath(folder);
  fsyncPath(root);
  fsyncPath(dataDir);
  return { folder, moved: files, removed: capQuarantine(dataDir, options.maxTotalBytes ?? DEFAULT_QUARANTINE_CAP_BYTES) };
}

/** Removes the oldest quarantine folders until the total fits `maxTotalBytes`; never the newest. */
export function capQuarantine(dataDir: string, maxTotalBytes: number): string[] {
  const root = quarantineDir(dataDir);
  if (!existsSync(root)) return [];
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, bytes: folderBytes(join(root, entry.name)) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let total = folders.reduce((sum, f) => sum + f.bytes, 0);
  const removed: string[] = [];
  for (const folder of folders.slice(0, -1)) {
    if (total <= maxTotalBytes) break;
    rmSync(join(root, folder.name), { recursive: true, force: true });
    total -= folder.bytes;
    removed.push(folder.name);
  }
  if (removed.length > 0) fsyncPath(root);
  return removed;
}
