// All SQL for `officers`. Officers are never deleted: past ratings keep their names.
import type { Database } from 'better-sqlite3';
import type { Officer } from '../../../shared/staff';

interface OfficerRow {
  id: string;
  code: string;
  name: string;
  title: string;
  photo_data_url: string | null;
  active: 0 | 1;
}

const toOfficer = (row: OfficerRow): Officer => ({
  id: row.id,
  code: row.code,
  name: row.name,
  title: row.title,
  photoDataUrl: row.photo_data_url,
  active: row.active === 1,
});

const columns = 'id, code, name, title, photo_data_url, active';

/** Every officer, active or not, in the order people read names (Vietnamese collation). */
export function listOfficers(db: Database): Officer[] {
  const collator = new Intl.Collator('vi');
  return (db.prepare(`SELECT ${columns} FROM officers`).all() as OfficerRow[])
    .map(toOfficer)
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.code, b.code));
}

export function findOfficer(db: Database, id: string): Officer | undefined {
  const row = db.prepare(`SELECT ${columns} FROM officers WHERE id = ?`).get(id) as OfficerRow | undefined;
  return row === undefined ? undefined : toOfficer(row);
}

/** True when another officer already has this staff code. */
export function officerCodeTaken(db: Database, code: string, exceptId: string | null): boolean {
  return db.prepare('SELECT 1 FROM officers WHERE code = ? AND id IS NOT ?').get(code, exceptId) !== undefined;
}

export function insertOfficer(db: Database, officer: Officer, createdAt: string): void {
  db.prepare(
    `INSERT INTO officers (id, code, name, title, photo_data_url, active, created_at)
     VALUES (@id, @code, @name, @title, @photoDataUrl, @active, @createdAt)`,
  ).run({ ...officer, active: officer.active ? 1 : 0, createdAt });
}

export function updateOfficer(db: Database, officer: Officer): void {
  db.prepare(
    `UPDATE officers SET code = @code, name = @name, title = @title, photo_data_url = @photoDataUrl, active = @active
     WHERE id = @id`,
  ).run({ ...officer, active: officer.active ? 1 : 0 });
}
