// The SQL snapshots need: whether ratings arrived since the last one, and which tables a
// sound copy must hold.
import BetterSqlite3, { type Database } from 'better-sqlite3';

/** The highest rating seq stored, or null before the first rating. */
export function highestRatingSeq(db: Database): number | null {
  return (db.prepare('SELECT max(seq) AS seq FROM ratings').get() as { seq: number | null }).seq;
}

/** Names of the database's own tables (not SQLite's internal ones), sorted. */
export function tableNames(db: Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
}

/** Whether the record chain holds `recordId` at `position` with `link` (the tap journal's newest record, at start). */
export function chainHolds(db: Database, position: number, recordId: string, link: string): boolean {
  return db.prepare('SELECT 1 FROM record_chain WHERE position = ? AND record_id = ? AND link = ?').get(position, recordId, link) !== undefined;
}

/** The highest chain position a database holds (0: none). */
export function highestChainPosition(db: Database): number {
  return (db.prepare('SELECT COALESCE(max(position), 0) AS p FROM record_chain').get() as { p: number }).p;
}

/** Opens a database file (a snapshot, a quarantined copy) read-only for `read`, and closes it; throws as opening would. */
export function readDatabaseFile<T>(path: string, read: (db: Database) => T): T {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
