// Private folders and files (issue 10): a data folder 0700, its database and secret files 0600,
// so another account on the same machine reads neither ratings nor keys. Applied at every open,
// so a folder or file an older version created 0755/0644 is tightened too. On Windows these are
// no-ops: the data folder is in the user's profile (%APPDATA%), whose ACL already admits only
// that user (and administrators); POSIX mode bits mean nothing there.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

const posix = process.platform !== 'win32';

/** Creates `dir` (and parents) if needed, then makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (posix) chmodSync(dir, 0o700);
}

/** Makes an existing file 0600; a missing one is left missing. */
export function makePrivateIfExists(path: string): void {
  if (posix && existsSync(path)) chmodSync(path, 0o600);
}

/** A path better-sqlite3 opens as a file on disk (not ":memory:" or an anonymous temporary one). */
export function isDiskDatabase(file: string): boolean {
  return file !== '' && file !== ':memory:' && !file.startsWith('file:');
}

/**
 * Before SQLite opens `file`: create it empty and 0600 if missing (SQLite then creates its -wal
 * and -shm files with the database file's mode), and tighten an existing one and its -wal/-shm.
 */
export function prepareSqliteFile(file: string): void {
  if (!isDiskDatabase(file)) return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) makePrivateIfExists(path);
}

/** After SQLite opened `file` (and may have created -wal/-shm): make sure they are 0600 too. */
export function tightenSqliteSidecars(file: string): void {
  if (!isDiskDatabase(file)) return;
  for (const path of [`${file}-wal`, `${file}-shm`]) makePrivateIfExists(path);
}

/** True when a file's mode lets its group or others read or write it (always false on Windows). */
export function isGroupOrWorldAccessible(mode: number): boolean {
  return posix && (mode & 0o077) !== 0;
}
