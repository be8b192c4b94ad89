// The directory and the unit hierarchy in PostgreSQL (migration 10), as sqlite-directory.ts.
// `ingestDirectory` runs inside ingestBatch's transaction, after the device row is locked (one
// device's batches take turns); unit changes lock the units table so two imports take turns too.
import type pg from 'pg';
import type { AccountAuditEntry } from '../accounts/account-store';
import { insertAudit } from '../accounts/postgres-accounts-repo';
import type { KioskDirectory } from '../../shared/sync/directory';
import { officeNamedAt, officeRow, toStoredDirectories, unitRow, type DirectorySnapshot } from '../directory-view';
import { planUnitChanges, UnitRuleError, type Unit, type UnitChange } from '../units';
import { inTransaction } from './postgres-database';
import { toCentralDevice } from './stored-rows';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function ingestDirectory(client: Queryable, deviceId: string, directory: KioskDirectory, receivedAt: Date): Promise<boolean> {
  const held = await client.query(`SELECT revision FROM device_directories WHERE device_id = $1`, [deviceId]);
  if (held.rows[0] !== undefined && Number(held.rows[0].revision) >= directory.revision) return false;
  await client.query(
    `INSERT INTO device_directories (device_id, revision, changed_at, received_at, office_name, time_zone, content) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (device_id) DO UPDATE SET revision = excluded.revision, changed_at = excluded.changed_at, received_at = excluded.received_at,
       office_name = excluded.office_name, time_zone = excluded.time_zone, content = excluded.content`,
    [deviceId, directory.revision, directory.changedAt, receivedAt, directory.officeName, directory.timeZone, JSON.stringify(directory)],
  );
  for (const table of ['directory_officers', 'directory_service_areas', 'directory_reasons']) await client.query(`DELETE FROM ${table} WHERE device_id = $1`, [deviceId]);
  const o = directory.officers;
  await client.query(
    `INSERT INTO directory_officers (device_id, officer_id, code, name, title, active, photo)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])`,
    [deviceId, o.map((x) => x.id), o.map((x) => x.code), o.map((x) => x.name), o.map((x) => x.title), o.map((x) => x.active), o.map((x) => x.photo)],
  );
  const a = directory.serviceAreas;
  await client.query(`INSERT INTO directory_service_areas (device_id, code, name, active) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[])`, [
    deviceId, a.map((x) => x.code), a.map((x) => x.name), a.map((x) => x.active),
  ]);
  const r = directory.reasons;
  await client.query(`INSERT INTO directory_reasons (device_id, position, code, label, factor) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`, [
    deviceId, r.map((_, i) => i + 1), r.map((x) => x.code), r.map((x) => x.label), r.map((x) => x.factor),
  ]);
  await client.query(
    `INSERT INTO offices (office_code, name, time_zone, named_at, named_by_device)
     SELECT office_code, $2, $3, $4, $1 FROM devices WHERE device_id = $1
     ON CONFLICT (office_code) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, named_at = excluded.named_at, named_by_device = excluded.named_by_device
     WHERE offices.named_at IS NULL OR offices.named_at <= excluded.named_at`,
    [deviceId, directory.officeName, directory.timeZone, officeNamedAt(directory.changedAt, receivedAt)],
  );
  return true;
}

async function units(client: Queryable): Promise<Unit[]> {
  return (await client.query(`SELECT code, name, parent_code FROM units ORDER BY code COLLATE "C"`)).rows.map((r) => unitRow.parse(r));
}

export async function listUnits(pool: pg.Pool): Promise<Unit[]> {
  return units(pool);
}

const placeOffice = (client: Queryable, officeCode: string, unitCode: string) =>
  client.query(`INSERT INTO offices (office_code, unit_code) VALUES ($1, $2) ON CONFLICT (office_code) DO UPDATE SET unit_code = excluded.unit_code`, [officeCode, unitCode]);

export async function changeUnits(pool: pg.Pool, changes: readonly UnitChange[], mode: 'add' | 'upsert', now: Date, audit?: AccountAuditEntry): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`);
    const ordered = planUnitChanges(await units(client), changes, mode);
    for (const c of ordered) {
      await client.query(
        `INSERT INTO units (code, name, parent_code, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code`,
        [c.code, c.name, c.parentCode, now],
      );
    }
    for (const c of ordered) for (const office of c.officeCodes) await placeOffice(client, office, c.code);
    if (audit !== undefined) await insertAudit(client, audit);
  });
}

export async function assignOffice(pool: pg.Pool, officeCode: string, unitCode: string, audit?: AccountAuditEntry): Promise<void> {
  await inTransaction(pool, async (client) => {
    const unit = await client.query(`SELECT 1 FROM units WHERE code = $1 FOR KEY SHARE`, [unitCode]);
    if (unit.rowCount !== 1) throw new UnitRuleError([`không có đơn vị ${unitCode}`]);
    await placeOffice(client, officeCode, unitCode);
    if (audit !== undefined) await insertAudit(client, audit);
  });
}

export async function directorySnapshot(pool: pg.Pool): Promise<DirectorySnapshot> {
  return inTransaction(pool, async (client) => {
    await client.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    return {
      units: await units(client),
      offices: (await client.query(`SELECT office_code, name, time_zone, unit_code FROM offices ORDER BY office_code COLLATE "C"`)).rows.map((r) => officeRow.parse(r)),
      devices: (
        await client.query(`SELECT device_id, office_code, counter, label, revoked_at IS NOT NULL AS revoked, created_at FROM devices ORDER BY office_code COLLATE "C", counter, device_id COLLATE "C"`)
      ).rows.map(toCentralDevice),
      directories: toStoredDirectories(
        (await client.query(`SELECT device_id, revision, changed_at, received_at FROM device_directories ORDER BY device_id COLLATE "C"`)).rows,
        (await client.query(`SELECT * FROM directory_officers ORDER BY device_id COLLATE "C", officer_id COLLATE "C"`)).rows,
        (await client.query(`SELECT * FROM directory_service_areas ORDER BY device_id COLLATE "C", code COLLATE "C"`)).rows,
        (await client.query(`SELECT * FROM directory_reasons ORDER BY device_id COLLATE "C", position`)).rows,
      ),
    };
  });
}
