// From what both stores hold (units, offices, devices, each device's newest directory) to the
// tree GET /api/v1/directory answers (shared/central-directory.ts). One function for SQLite and
// PostgreSQL, so the two answer alike; Vietnamese collation for names, as people read them.
import { z } from 'zod';
import type { DirectoryDevice, DirectoryOffice, DirectoryResponse, DirectoryUnit } from '../shared/central-directory';
import type { CentralDevice } from './store/central-store';
import type { Unit } from './units';

/** A device's newest directory as stored (migration 10): the rows central names ratings with. */
export interface StoredDeviceDirectory {
  deviceId: string;
  revision: number;
  changedAt: string;
  receivedAt: string;
  officers: { id: string; code: string; name: string; title: string; active: boolean; photo: string | null }[];
  serviceAreas: { code: string; name: string; active: boolean }[];
  reasons: { code: string; label: string; factor: string | null }[];
}

export interface StoredOffice {
  officeCode: string;
  name: string | null;
  timeZone: string | null;
  unitCode: string | null;
}

export interface DirectorySnapshot {
  units: Unit[];
  offices: StoredOffice[];
  devices: CentralDevice[];
  directories: StoredDeviceDirectory[];
}

const collator = new Intl.Collator('vi');

/**
 * When a directory names its office: the kiosk's `changedAt`, but never later than its arrival at
 * central, so a kiosk whose clock runs years ahead cannot freeze its office's name for the others.
 */
export function officeNamedAt(changedAt: string, receivedAt: Date): Date {
  return new Date(Math.min(Date.parse(changedAt), receivedAt.getTime()));
}

export function buildDirectoryView(snapshot: DirectorySnapshot): DirectoryResponse {
  const directories = new Map(snapshot.directories.map((d) => [d.deviceId, d]));
  const devicesByOffice = new Map<string, CentralDevice[]>();
  for (const device of snapshot.devices) devicesByOffice.set(device.officeCode, [...(devicesByOffice.get(device.officeCode) ?? []), device]);
  // Every office anyone knows of: stored (named or placed), or only on a device.
  const offices = new Map(snapshot.offices.map((o) => [o.officeCode, o]));
  for (const code of devicesByOffice.keys()) if (!offices.has(code)) offices.set(code, { officeCode: code, name: null, timeZone: null, unitCode: null });

  const deviceView = (d: CentralDevice): DirectoryDevice => {
    const dir = directories.get(d.deviceId);
    return {
      deviceId: d.deviceId,
      counter: d.counter,
      label: d.label,
      revoked: d.revoked,
      directory:
        dir === undefined
          ? null
          : {
              revision: dir.revision,
              changedAt: dir.changedAt,
              receivedAt: dir.receivedAt,
              officers: dir.officers.map(({ photo, ...o }) => ({ ...o, hasPhoto: photo !== null })).sort((a, b) => collator.compare(a.name, b.name)),
              serviceAreas: [...dir.serviceAreas].sort((a, b) => collator.compare(a.name, b.name)),
              reasons: dir.reasons,
            },
    };
  };
  const officeView = (o: StoredOffice): DirectoryOffice => ({
    officeCode: o.officeCode,
    name: o.name,
    timeZone: o.timeZone,
    devices: (devicesByOffice.get(o.officeCode) ?? []).sort((a, b) => a.counter - b.counter || a.deviceId.localeCompare(b.deviceId)).map(deviceView),
  });
  const byOffice = (a: StoredOffice, b: StoredOffice) => a.officeCode.localeCompare(b.officeCode);
  const childrenOf = new Map<string | null, Unit[]>();
  for (const unit of snapshot.units) childrenOf.set(unit.parentCode, [...(childrenOf.get(unit.parentCode) ?? []), unit]);
  const unitView = (unit: Unit): DirectoryUnit => ({
    code: unit.code,
    name: unit.name,
    units: (childrenOf.get(unit.code) ?? []).sort((a, b) => collator.compare(a.name, b.name)).map(unitView),
    offices: [...offices.values()].filter((o) => o.unitCode === unit.code).sort(byOffice).map(officeView),
  });
  return {
    units: (childrenOf.get(null) ?? []).sort((a, b) => collator.compare(a.name, b.name)).map(unitView),
    unassignedOffices: [...offices.values()].filter((o) => o.unitCode === null).sort(byOffice).map(officeView),
  };
}

// Row shapes both stores read back (SQLite 0/1 and PostgreSQL booleans alike).
const flag = z.union([z.boolean(), z.number()]).transform((v) => v === true || v === 1);
const isoText = z.union([z.string(), z.date()]).transform((v) => (typeof v === 'string' ? v : v.toISOString()));
export const unitRow = z.object({ code: z.string(), name: z.string(), parent_code: z.string().nullable() }).transform((r): Unit => ({ code: r.code, name: r.name, parentCode: r.parent_code }));
export const officeRow = z
  .object({ office_code: z.string(), name: z.string().nullable(), time_zone: z.string().nullable(), unit_code: z.string().nullable() })
  .transform((r): StoredOffice => ({ officeCode: r.office_code, name: r.name, timeZone: r.time_zone, unitCode: r.unit_code }));
export const directoryHeadRow = z.object({ device_id: z.string(), revision: z.union([z.number(), z.string()]).transform(Number), changed_at: z.string(), received_at: isoText });
export const officerRow = z.object({ device_id: z.string(), officer_id: z.string(), code: z.string(), name: z.string(), title: z.string(), active: flag, photo: z.string().nullable() });
export const serviceAreaRow = z.object({ device_id: z.string(), code: z.string(), name: z.string(), active: flag });
export const reasonRow = z.object({ device_id: z.string(), code: z.string(), label: z.string(), factor: z.string().nullable() });

/** Joins the directory tables' rows into one StoredDeviceDirectory per device. */
export function toStoredDirectories(heads: unknown[], officers: unknown[], areas: unknown[], reasons: unknown[]): StoredDeviceDirectory[] {
  const out = new Map<string, StoredDeviceDirectory>();
  for (const h of heads.map((r) => directoryHeadRow.parse(r))) {
    out.set(h.device_id, { deviceId: h.device_id, revision: h.revision, changedAt: h.changed_at, receivedAt: h.received_at, officers: [], serviceAreas: [], reasons: [] });
  }
  for (const o of officers.map((r) => officerRow.parse(r))) out.get(o.device_id)?.officers.push({ id: o.officer_id, code: o.code, name: o.name, title: o.title, active: o.active, photo: o.photo });
  for (const a of areas.map((r) => serviceAreaRow.parse(r))) out.get(a.device_id)?.serviceAreas.push({ code: a.code, name: a.name, active: a.active });
  for (const x of reasons.map((r) => reasonRow.parse(r))) out.get(x.device_id)?.reasons.push({ code: x.code, label: x.label, factor: x.factor });
  return [...out.values()];
}
