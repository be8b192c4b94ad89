// "Tình trạng thiết bị" (issue 17): every device an account may see, built from the store's
// device summaries (gaps, chain, incidents, newest health record) and the directory (office names,
// units), each judged by shared/fleet-health.ts against central's clock. Who sees what is the
// dashboard's rule (dashboard-scope.ts): a unit viewer sees the devices of offices placed under
// their units or below; a filter by unit is the dashboard's unit subject, refused alike.
import type { FleetDevice, FleetResponse } from '../../shared/central-fleet';
import { isOutdatedVersion, isSilent, newestAppVersion, rangeSize, workingDaysWithoutContact } from '../../shared/fleet-health';
import { DEFAULT_TIME_ZONE, toLocalDay } from '../../shared/local-time';
import type { DeviceSummary } from '../../shared/sync/wire';
import { accountMaySeeUnit, type UnitScoped } from '../accounts/unit-scope';
import { scopedSubject } from '../dashboard/dashboard-scope';
import { hierarchyOf, type Hierarchy } from '../dashboard/hierarchy';
import type { CentralStore } from '../store/central-store';

export interface FleetRequest {
  /** A unit to narrow to (with the units below it); null: all the account may see. */
  unit: string | null;
  now: Date;
  /** Whole working days without contact that make a device silent (CENTRAL_SILENT_DAYS). */
  silentWorkingDays: number;
}

/** The newest contact central had from the device: its batches and heartbeats, or an imported sync file's health. */
function lastContactOf(d: DeviceSummary): string | null {
  const times = [d.lastSeenAt, d.health?.receivedAt ?? null].filter((t): t is string => t !== null);
  return times.length === 0 ? null : times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

const appVersionOf = (d: DeviceSummary): string | null => d.health?.record.appVersion ?? d.appVersion;

export async function loadFleet(store: CentralStore, account: UnitScoped, request: FleetRequest): Promise<FleetResponse> {
  const [summaries, snapshot] = [await store.deviceSummaries(), await store.directorySnapshot()];
  const h = hierarchyOf(snapshot);
  // The filter first: a unit outside a viewer's scope (or unknown) is refused as the dashboard refuses it.
  if (request.unit !== null) scopedSubject(account, { kind: 'unit', code: request.unit }, h);
  const within = request.unit === null ? null : h.subtree(request.unit);
  const visible = (unitCode: string | null) => (unitCode === null ? account.role === 'province-admin' : accountMaySeeUnit(account, unitCode, h.ancestorsOf));
  // Out of date is against the whole province: a viewer whose kiosks all lag must still see it.
  const newest = newestAppVersion(summaries.filter((d) => !d.revoked).map(appVersionOf));
  const today = toLocalDay(request.now, DEFAULT_TIME_ZONE);
  const devices = summaries
    .map((d) => fleetDevice(d, h, { newest, today, threshold: request.silentWorkingDays }))
    .filter((d) => visible(d.unitCode) && (within === null || (d.unitCode !== null && within.has(d.unitCode))));
  const units = snapshot.units.filter((u) => visible(u.code)).map((u) => ({ code: u.code, name: u.name, parentCode: u.parentCode }));
  return { at: request.now.toISOString(), silentWorkingDays: request.silentWorkingDays, newestAppVersion: newest, unit: request.unit, units, devices };
}

function fleetDevice(d: DeviceSummary, h: Hierarchy, judge: { newest: string | null; today: string; threshold: number }): FleetDevice {
  const office = h.office(d.officeCode);
  const unitCode = office?.unitCode ?? null;
  const lastContactAt = lastContactOf(d);
  const workingDaysSilent = lastContactAt === null ? null : workingDaysWithoutContact(toLocalDay(new Date(lastContactAt), DEFAULT_TIME_ZONE), judge.today);
  const appVersion = appVersionOf(d);
  const health = d.health ?? null;
  return {
    deviceId: d.deviceId,
    officeCode: d.officeCode,
    officeName: office?.name ?? null,
    unitCode,
    unitName: unitCode === null ? null : (h.unit(unitCode)?.name ?? null),
    counter: d.counter,
    label: d.label,
    revoked: d.revoked,
    lastContactAt,
    workingDaysSilent,
    silent: !d.revoked && (workingDaysSilent === null || isSilent(workingDaysSilent, judge.threshold)),
    appVersion,
    outdated: !d.revoked && isOutdatedVersion(appVersion, judge.newest),
    pending: health?.record.pending ?? null,
    clockDriftMs: health?.clockDriftMs ?? null,
    healthReceivedAt: health?.receivedAt ?? null,
    healthVia: health?.via ?? null,
    ratingCount: d.ratingCount,
    maxSeq: d.maxSeq,
    seqGaps: d.gaps,
    missingSeqs: rangeSize(d.gaps),
    chainGaps: d.chain.gaps,
    chainGapPositions: rangeSize(d.chain.gaps),
    chainBreaks: d.chain.breaks,
    declaredLost: d.declaredLost,
    incidents: d.incidents.length,
  };
}
