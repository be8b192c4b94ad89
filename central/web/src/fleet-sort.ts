// The order of "Tình trạng thiết bị"'s rows (issue 17): each column sorts by what it shows, ties
// by office and counter, Vietnamese names by Intl.Collator('vi'). What is missing (never in
// contact, no health record) sorts as the least: first going up, last going down.
import type { FleetDevice } from '../../../shared/central-fleet';
import { compareAppVersions, rangeSize } from '../../../shared/fleet-health';
import { fleetBadges, type FleetColumn } from './fleet-text';

export type SortDirection = 'ascending' | 'descending';
export interface FleetSort {
  column: FleetColumn;
  direction: SortDirection;
}

/** The worst first: what IT opens the view for. */
export const defaultFleetSort: FleetSort = { column: 'status', direction: 'descending' };

const collator = new Intl.Collator('vi');
const byNumber = (f: (d: FleetDevice) => number) => (a: FleetDevice, b: FleetDevice) => f(a) - f(b);
/** Never in contact: more silent than any count of days. */
const NEVER = 1e9;
const officeOf = (d: FleetDevice) => d.officeName ?? d.officeCode;

const orders: Record<FleetColumn, (a: FleetDevice, b: FleetDevice) => number> = {
  device: (a, b) => collator.compare(officeOf(a), officeOf(b)) || a.counter - b.counter,
  unit: (a, b) => collator.compare(a.unitName ?? '', b.unitName ?? ''),
  lastContact: byNumber((d) => (d.lastContactAt === null ? -Infinity : Date.parse(d.lastContactAt))),
  version: (a, b) => {
    if (a.appVersion === null || b.appVersion === null) return (a.appVersion === null ? 0 : 1) - (b.appVersion === null ? 0 : 1);
    return compareAppVersions(a.appVersion, b.appVersion) ?? collator.compare(a.appVersion, b.appVersion);
  },
  pending: byNumber((d) => (d.pending === null ? -1 : d.pending.ratings + d.pending.reasonAnswers)),
  drift: byNumber((d) => (d.clockDriftMs === null ? -1 : Math.abs(d.clockDriftMs))),
  gaps: byNumber((d) => d.missingSeqs + d.chainGapPositions),
  losses: (a, b) => rangeSize(a.declaredLost.seq) + rangeSize(a.declaredLost.chain) - (rangeSize(b.declaredLost.seq) + rangeSize(b.declaredLost.chain)) || a.incidents - b.incidents,
  breaks: byNumber((d) => d.chainBreaks.length),
  status: (a, b) => {
    const warnings = (d: FleetDevice) => fleetBadges(d).filter((badge) => badge.tone === 'warn').length;
    return warnings(a) - warnings(b) || (a.workingDaysSilent ?? NEVER) - (b.workingDaysSilent ?? NEVER);
  },
};

export function sortFleet(devices: readonly FleetDevice[], { column, direction }: FleetSort): FleetDevice[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...devices].sort((a, b) => sign * orders[column](a, b) || orders.device(a, b));
}

/** A click on a header: that column, or the other way round when it is already the order. */
export const nextSort = (current: FleetSort, column: FleetColumn): FleetSort =>
  current.column === column ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: column === 'status' ? 'descending' : 'ascending' };
