// What counts as corruption (issue 12), on real damaged files: only a damaged file is
// "corrupt"; a newer database, a lock, missing rights, a full disk or an I/O error are not.
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { classifyStorageError, integrityCheck, quickCheck } from '../../electron/backend/storage/corruption';
import { tempDataDir } from '../support/backend-fixture';

const PAGE = 4096;

/** A migrated kiosk database with enough rows for several pages, checkpointed into the main file and closed. */
function sampleDatabase(): string {
  const file = join(tempDataDir(), 'kiosk.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT; CREATE INDEX filler_body ON filler (body);');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i += 1) insert.run(`hồ sơ ${i} ${'x'.repeat(40)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('classifyStorageError on real files', () => {
  it('a zeroed header: the open fails and is corrupt (not a database)', () => {
    const file = sampleDatabase();
    overwrite(file, 0, Buffer.alloc(100));
    const error = caught(() => openDatabase(file).close());
    expect(classifyStorageError(error)).toEqual({ verdict: 'corrupt', reason: 'not-a-database', code: 'SQLITE_NOTADB' });
  });

  it('50 bytes flipped in a middle page: quick_check and integrity_check report it', () => {
    const file = sampleDatabase();
    const pages = statSync(file).size / PAGE;
    const middle = Math.floor(pages / 2) * PAGE;
    const original = Buffer.alloc(50);
    const fd = openSync(file, 'r');
    readSync(fd, original, 0, 50, middle);
    closeSync(fd);
    overwrite(file, middle, Buffer.from(original.map((b) => b ^ 0xff)));
    const db = new BetterSqlite3(file);
    try {
      const quick = quickCheck(db);
      expect(quick.ok).toBe(false);
      expect(quick.ok ? [] : quick.problems).not.toEqual([]);
      expect(integrityCheck(db).ok).toBe(false);
    } finally {
      db.close();
    }
  });

  it('a sound database passes both checks', () => {
    const db = new BetterSqlite3(sampleDatabase());
    expect(quickCheck(db)).toEqual({ ok: true });
    expect(integrityCheck(db)).toEqual({ ok: true });
    db.close();
  });

  it('a database newer than the code is not corrupt', () => {
    const file = sampleDatabase();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(classifyStorageError(caught(() => openDatabase(file)))).toEqual({ verdict: 'not-corrupt', reason: 'database-too-new', code: null });
  });

  it('a lock held by another connection is not corrupt', () => {
    const file = sampleDatabase();
    const holder = new BetterSqlite3(file);
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      holder.exec('BEGIN EXCLUSIVE');
      const error = caught(() => other.exec('INSERT INTO filler (body) VALUES (1)'));
      expect(classifyStorageError(error)).toMatchObject({ verdict: 'not-corrupt', reason: 'locked' });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      other.close();
    }
  });

  it('a read-only database is not corrupt', () => {
    const db = new BetterSqlite3(sampleDatabase(), { readonly: true });
    try {
      const error = caught(() => db.exec("INSERT INTO filler (body) VALUES ('x')"));
      expect(classifyStorageError(error)).toEqual({ verdict: 'not-corrupt', reason: 'no-permission', code: 'SQLITE_READONLY' });
    } finally {
      db.close();
    }
  });

  it('a file that cannot be opened is not corrupt', () => {
    // A folder where the file should be: SQLite cannot open it (as with a file it has no right to).
    const error = caught(() => new BetterSqlite3(tempDataDir()));
    expect(classifyStorageError(error)).toMatchObject({ verdict: 'not-corrupt', reason: 'no-permission', code: 'SQLITE_CANTOPEN' });
  });
});

describe('classifyStorageError by code', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    ['SQLITE_CORRUPT', 'corrupt', 'sqlite-corrupt'],
    ['SQLITE_CORRUPT_INDEX', 'corrupt', 'sqlite-corrupt'],
    ['SQLITE_NOTADB', 'corrupt', 'not-a-database'],
    ['SQLITE_BUSY', 'not-corrupt', 'locked'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'not-corrupt', 'locked'],
    ['EACCES', 'not-corrupt', 'no-permission'],
    ['EPERM', 'not-corrupt', 'no-permission'],
    ['EROFS', 'not-corrupt', 'no-permission'],
    ['SQLITE_READONLY_DBMOVED', 'not-corrupt', 'no-permission'],
    ['ENOSPC', 'not-corrupt', 'disk-full'],
    ['SQLITE_FULL', 'not-corrupt', 'disk-full'],
    ['SQLITE_IOERR_SHORT_READ', 'not-corrupt', 'io-error'],
    ['SQLITE_IOERR', 'not-corrupt', 'io-error'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'not-corrupt', 'unknown'],
  ])('%s → %s (%s)', (code, verdict, reason) => {
    expect(classifyStorageError(withCode(code))).toEqual({ verdict, reason, code });
  });

  it('anything without a code is not corrupt: never quarantine on a doubt', () => {
    expect(classifyStorageError(new Error('file is not a database'))).toEqual({ verdict: 'not-corrupt', reason: 'unknown', code: null });
    expect(classifyStorageError('boom')).toMatchObject({ verdict: 'not-corrupt' });
  });
});
