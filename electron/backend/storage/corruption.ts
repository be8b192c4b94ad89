// What counts as a damaged database (issue 12). Only a damaged file may ever be quarantined; a
// database newer than the code, a lock held by another process, missing permissions, a full
// disk or an I/O error are "out of service, retry": moving such a file aside would lose nothing
// that is broken and could lose everything that is not. Anything not recognised is not corrupt,
// for the same reason.
import type { Database } from 'better-sqlite3';
import { DatabaseTooNewError } from '../database';

export type CorruptReason = 'sqlite-corrupt' | 'not-a-database';
export type NotCorruptReason = 'database-too-new' | 'locked' | 'no-permission' | 'disk-full' | 'io-error' | 'unknown';

export type StorageVerdict =
  | { verdict: 'corrupt'; reason: CorruptReason; code: string | null }
  | { verdict: 'not-corrupt'; reason: NotCorruptReason; code: string | null };

/** Extended SQLite codes (SQLITE_CORRUPT_VTAB, SQLITE_IOERR_SHORT_READ…) share their base's prefix. */
const reasonsByCode: [RegExp, CorruptReason | NotCorruptReason][] = [
  [/^SQLITE_CORRUPT/, 'sqlite-corrupt'],
  [/^SQLITE_NOTADB$/, 'not-a-database'],
  [/^SQLITE_(BUSY|LOCKED)/, 'locked'],
  [/^(EACCES|EPERM|EROFS|SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH)/, 'no-permission'],
  [/^(ENOSPC|EDQUOT|SQLITE_FULL)/, 'disk-full'],
  [/^(EIO|SQLITE_IOERR)/, 'io-error'],
];

const corruptReasons: readonly string[] = ['sqlite-corrupt', 'not-a-database'];

export function classifyStorageError(error: unknown): StorageVerdict {
  if (error instanceof DatabaseTooNewError) return { verdict: 'not-corrupt', reason: 'database-too-new', code: null };
  const code = errorCode(error);
  const reason = code === null ? undefined : reasonsByCode.find(([pattern]) => pattern.test(code))?.[1];
  if (reason === undefined) return { verdict: 'not-corrupt', reason: 'unknown', code };
  return corruptReasons.includes(reason)
    ? { verdict: 'corrupt', reason: reason as CorruptReason, code }
    : { verdict: 'not-corrupt', reason: reason as NotCorruptReason, code };
}

export type CheckResult = { ok: true } | { ok: false; problems: string[] };

/** `PRAGMA quick_check` (at every start): the page structure, without matching indexes to rows. */
export function quickCheck(db: Database): CheckResult {
  return runCheck(db, 'quick_check(100)', 'quick_check');
}

/** `PRAGMA integrity_check` (daily, on demand): also every index against its table. */
export function integrityCheck(db: Database): CheckResult {
  return runCheck(db, 'integrity_check(100)', 'integrity_check');
}

function runCheck(db: Database, pragma: string, column: string): CheckResult {
  try {
    const rows = (db.pragma(pragma) as Record<string, string>[]).map((row) => row[column] ?? '');
    return rows.length === 1 && rows[0] === 'ok' ? { ok: true } : { ok: false, problems: rows };
  } catch (error) {
    // A check that cannot even read the file has found the damage it looks for; any other
    // failure (a lock, a full disk) says nothing about the file and is the caller's to handle.
    if (classifyStorageError(error).verdict === 'corrupt') return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
    throw error;
  }
}

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const { code } = error as { code: unknown };
  return typeof code === 'string' ? code : null;
}
