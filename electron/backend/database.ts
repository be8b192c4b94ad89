// The one place that opens a kiosk database. Every pragma here is a durability decision.
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ensurePrivateDir, isDiskDatabase, prepareSqliteFile, tightenSqliteSidecars } from '../../shared/node/file-modes';
import { migrations as allMigrations, type Migration } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (phiên bản dữ liệu ${found}, ` +
        `phần mềm này chỉ hỗ trợ đến ${supported}). Hãy cài phiên bản phần mềm mới hơn; ` +
        `không mở để tránh làm hỏng dữ liệu.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Database {
  // Only the kiosk's OS user reads ratings: the data folder 0700, kiosk.db and its -wal/-shm 0600
  // (also when an older version created them 0755/0644). No-ops on Windows (file-modes.ts).
  if (isDiskDatabase(file)) ensurePrivateDir(dirname(file));
  prepareSqliteFile(file);
  const db = new BetterSqlite3(file);
  try {
    // WAL + synchronous=FULL: a commit that returned is on disk, even on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Keep the WAL file from growing without bound on kiosks with small disks.
    db.pragma('journal_size_limit = 16777216');
    migrate(db, migrations);
    tightenSqliteSidecars(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Apply every migration newer than `PRAGMA user_version`, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): void {
  const latest = migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
