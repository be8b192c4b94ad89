// The directory and the unit hierarchy in SQLite (migration 10). `ingest` runs inside
// ingestBatch's transaction; the unit changes run in their own IMMEDIATE transaction, checked by
// central/units.ts against the units as they are inside it (all or nothing).
import type { Database } from 'better-sqlite3';
import type { KioskDirectory } from '../../shared/sync/directory';
import { officeNamedAt, officeRow, toStoredDirectories, unitRow, type DirectorySnapshot } from '../directory-view';
import { planUnitChanges, UnitRuleError, type Unit, type UnitChange } from '../units';
import { toCentralDevice } from './stored-rows';
import type { AccountAuditEntry } from '../accounts/account-store';
import { insertSqliteAudit } from '../accounts/sqlite-accounts-repo';

export class SqliteDirectory {
  constructor(private readonly db: Database) {}

  /**
   * Stores a device's directory unless central holds the same or a higher revision (a USB file
   * arriving late); names its office unless another kiosk of the office stamped a later one.
   * True when stored.
   */
  ingest(deviceId: string, directory: KioskDirectory, receivedAt: string): boolean {
    const db = this.db;
    const held = db.prepare(`SELECT revision FROM device_directories WHERE device_id = ?`).pluck().get(deviceId) as number | undefined;
    if (held !== undefined && held >= directory.revision) return false;
    db.prepare(`
      INSERT INTO device_directories (device_id, revision, changed_at, received_at, office_name, time_zone, content) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET revision = excluded.revision, changed_at = excluded.changed_at, received_at = excluded.received_at,
        office_name = excluded.office_name, time_zone = excluded.time_zone, content = excluded.content`)
      .run(deviceId, directory.revision, directory.changedAt, receivedAt, directory.officeName, directory.timeZone, JSON.stringify(directory));
    for (const table of ['directory_officers', 'directory_service_areas', 'directory_reasons']) db.prepare(`DELETE FROM ${table} WHERE device_id = ?`).run(deviceId);
    const officer = db.prepare(`INSERT INTO directory_officers (device_id, officer_id, code, name, title, active, photo) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const o of directory.officers) officer.run(deviceId, o.id, o.code, o.name, o.title, o.active ? 1 : 0, o.photo);
    const area = db.prepare(`INSERT INTO directory_service_areas (device_id, code, name, active) VALUES (?, ?, ?, ?)`);
    for (const a of directory.serviceAreas) area.run(deviceId, a.code, a.name, a.active ? 1 : 0);
    const reason = db.prepare(`INSERT INTO directory_reasons (device_id, position, code, label, factor) VALUES (?, ?, ?, ?, ?)`);
    for (const [i, r] of directory.reasons.entries()) reason.run(deviceId, i + 1, r.code, r.label, r.factor);
    const officeCode = db.prepare(`SELECT office_code FROM devices WHERE device_id = ?`).pluck().get(deviceId) as string;
    db.prepare(`
      INSERT INTO offices (office_code, name, time_zone, named_at, named_by_device) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (office_code) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, named_at = excluded.named_at, named_by_device = excluded.named_by_device
      WHERE offices.named_at IS NULL OR offices.named_at <= excluded.named_at`)
      .run(officeCode, directory.officeName, directory.timeZone, officeNamedAt(directory.changedAt, new Date(receivedAt)).toISOString(), deviceId);
    return true;
  }

  changeUnits(changes: readonly UnitChange[], mode: 'add' | 'upsert', now: string, audit?: AccountAuditEntry): void {
    const db = this.db;
    db.transaction(() => {
      const ordered = planUnitChanges(this.units(), changes, mode);
      const upsert = db.prepare(`
        INSERT INTO units (code, name, parent_code, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code`);
      // Parents first; a unit moved under a new one may point at a row written just before.
      for (const c of ordered) upsert.run(c.code, c.name, c.parentCode, now);
      for (const c of ordered) for (const office of c.officeCodes) this.placeOffice(office, c.code);
      if (audit !== undefined) insertSqliteAudit(db, audit);
    }).immediate();
  }

  assignOffice(officeCode: string, unitCode: string, audit?: AccountAuditEntry): void {
    this.db.transaction(() => {
      if (this.db.prepare(`SELECT 1 FROM units WHERE code = ?`).get(unitCode) === undefined) throw new UnitRuleError([`không có đơn vị ${unitCode}`]);
      this.placeOffice(officeCode, unitCode);
      if (audit !== undefined) insertSqliteAudit(this.db, audit);
    }).immediate();
  }

  private placeOffice(officeCode: string, unitCode: string): void {
    this.db.prepare(`INSERT INTO offices (office_code, unit_code) VALUES (?, ?) ON CONFLICT (office_code) DO UPDATE SET unit_code = excluded.unit_code`).run(officeCode, unitCode);
  }

  units(): Unit[] {
    return this.db.prepare(`SELECT code, name, parent_code FROM units ORDER BY code`).all().map((r) => unitRow.parse(r));
  }

  snapshot(): DirectorySnapshot {
    const db = this.db;
    return db.transaction(() => ({
      units: this.units(),
      offices: db.prepare(`SELECT office_code, name, time_zone, unit_code FROM offices ORDER BY office_code`).all().map((r) => officeRow.parse(r)),
      devices: db.prepare(`SELECT device_id, office_code, counter, label, revoked_at IS NOT NULL AS revoked, created_at FROM devices ORDER BY office_code, counter, device_id`).all().map(toCentralDevice),
      directories: toStoredDirectories(
        db.prepare(`SELECT device_id, revision, changed_at, received_at FROM device_directories ORDER BY device_id`).all(),
        db.prepare(`SELECT * FROM directory_officers ORDER BY device_id, officer_id`).all(),
        db.prepare(`SELECT * FROM directory_service_areas ORDER BY device_id, code`).all(),
        db.prepare(`SELECT * FROM directory_reasons ORDER BY device_id, position`).all(),
      ),
    }))();
  }
}
