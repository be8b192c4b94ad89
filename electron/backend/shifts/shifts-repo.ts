// All SQL for `shifts`. At most one shift is open (a partial unique index says so).
import type { Database } from 'better-sqlite3';

export type ShiftEndReason = 'signed-out' | 'switched' | 'end-of-day';

export interface ShiftRow {
  id: string;
  officer_id: string;
  started_at: string;
  local_day: string;
  service_code: string | null;
  ended_at: string | null;
  end_reason: ShiftEndReason | null;
}

/** The open shift with its officer's name, title and photo, for the screen that names them. */
export interface OpenShiftRow extends ShiftRow {
  officer_name: string;
  officer_title: string;
  officer_photo: string | null;
}

export function findOpenShift(db: Database): OpenShiftRow | undefined {
  return db
    .prepare(
      `SELECT s.*, o.name AS officer_name, o.title AS officer_title, o.photo_data_url AS officer_photo
       FROM shifts s JOIN officers o ON o.id = s.officer_id
       WHERE s.ended_at IS NULL`,
    )
    .get() as OpenShiftRow | undefined;
}

export function insertShift(db: Database, shift: Pick<ShiftRow, 'id' | 'officer_id' | 'started_at' | 'local_day' | 'service_code'>): void {
  db.prepare(
    `INSERT INTO shifts (id, officer_id, started_at, local_day, service_code)
     VALUES (@id, @officer_id, @started_at, @local_day, @service_code)`,
  ).run(shift);
}

export function endShift(db: Database, id: string, endedAt: string, reason: ShiftEndReason): void {
  db.prepare('UPDATE shifts SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, reason, id);
}

/**
 * The area changes in place: every rating already carries the service code it was given
 * under, so the shift row need not keep the history.
 */
export function setShiftServiceCode(db: Database, id: string, serviceCode: string | null): void {
  db.prepare('UPDATE shifts SET service_code = ? WHERE id = ? AND ended_at IS NULL').run(serviceCode, id);
}

export function listShifts(db: Database): ShiftRow[] {
  return db.prepare('SELECT * FROM shifts ORDER BY started_at, id').all() as ShiftRow[];
}
