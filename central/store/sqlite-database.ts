// The one place that opens central.db. Every pragma is a durability decision, as on the kiosk.
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ensurePrivateDir, isDiskDatabase, prepareSqliteFile, tightenSqliteSidecars } from '../../shared/node/file-modes';
import { CentralDatabaseTooNewError } from './central-store';
import { sqliteMigrations, type SqliteMigration } from './sqlite-migrations';

export function openCentralDatabase(file: string, migrations: readonly SqliteMigration[] = sqliteMigrations): Database {
  // Ratings, token hashes and (unless CENTRAL_SIGNING_KEY_FILE is set) central's private signing
  // key live here: the data folder 0700, central.db and its -wal/-shm 0600, also when older.
  if (isDiskDatabase(file)) ensurePrivateDir(dirname(file));
  prepareSqliteFile(file);
  const db = new BetterSqlite3(file);
  try {
    // WAL + synchronous=FULL: an acknowledged rating is on disk, even after a power cut.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_size_limit = 67108864');
    migrate(db, migrations);
    tightenSqliteSidecars(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies every migration newer than user_version, each in its own transaction. */
export function migrate(db: Database, migrations: readonly SqliteMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new CentralDatabaseTooNewError(current, migrations.length);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
