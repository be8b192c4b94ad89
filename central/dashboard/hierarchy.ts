// The unit hierarchy as the dashboard walks it (issue 16): which devices a unit holds (its own
// offices and those of every unit below it), a unit's higher units (for a viewer's scope), and
// each device's office. Built once per request from the store's directory snapshot.
import type { DirectorySnapshot, StoredOffice } from '../directory-view';
import type { CentralDevice } from '../store/central-store';
import type { Unit } from '../units';

export interface Hierarchy {
  unit(code: string): Unit | undefined;
  /** Units directly under this one (null: under the province). */
  childrenOf(code: string | null): Unit[];
  /** The unit and every unit below it. */
  subtree(code: string): Set<string>;
  /** The units above this one, nearest first. */
  ancestorsOf(code: string): string[];
  office(officeCode: string): StoredOffice | undefined;
  device(deviceId: string): CentralDevice | undefined;
  /** Every office known (stored, or only named by a device). */
  offices(): StoredOffice[];
  devices(): CentralDevice[];
  /** The unit a device's office is placed under (null: not placed yet). */
  unitOfDevice(deviceId: string): string | null;
}

export function hierarchyOf(snapshot: DirectorySnapshot): Hierarchy {
  const units = new Map(snapshot.units.map((u) => [u.code, u]));
  const children = new Map<string | null, Unit[]>();
  for (const u of snapshot.units) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u]);
  const offices = new Map(snapshot.offices.map((o) => [o.officeCode, o]));
  for (const d of snapshot.devices) if (!offices.has(d.officeCode)) offices.set(d.officeCode, { officeCode: d.officeCode, name: null, timeZone: null, unitCode: null });
  const devices = new Map(snapshot.devices.map((d) => [d.deviceId, d]));

  const subtree = (code: string): Set<string> => {
    const out = new Set<string>();
    const walk = (c: string) => {
      if (out.has(c)) return; // the store keeps a tree; this only guards against a hand-edited loop
      out.add(c);
      for (const child of children.get(c) ?? []) walk(child.code);
    };
    walk(code);
    return out;
  };
  const ancestorsOf = (code: string): string[] => {
    const out: string[] = [];
    for (let at = units.get(code)?.parentCode ?? null; at !== null && !out.includes(at); at = units.get(at)?.parentCode ?? null) out.push(at);
    return out;
  };
  return {
    unit: (code) => units.get(code),
    childrenOf: (code) => children.get(code) ?? [],
    subtree,
    ancestorsOf,
    office: (code) => offices.get(code),
    device: (id) => devices.get(id),
    offices: () => [...offices.values()],
    devices: () => [...devices.values()],
    unitOfDevice: (id) => {
      const device = devices.get(id);
      return device === undefined ? null : (offices.get(device.officeCode)?.unitCode ?? null);
    },
  };
}
