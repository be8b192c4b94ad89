// The fleet's health rules (issue 17): when a kiosk counts as silent, which app version is out of
// date, and the summary line of "Tình trạng thiết bị". Pure and zod-free: central computes each
// device's standing with them (central/fleet/fleet-service.ts) and the page counts with them, so
// the page, its tests and a later alert rule ("a device silent N days") read one rule.

/**
 * Two whole working days without contact. A running kiosk is in contact every minute (its
 * heartbeat, docs/sync-protocol.md), so a day without one means it was off, unplugged or cut off.
 * Counting working days (Monday–Friday) keeps an ordinary weekend, when offices close and kiosks
 * are switched off, from lighting up every kiosk on Monday morning; two days rather than one lets
 * an office closed for a day (a meeting, a power cut) pass unflagged while a kiosk dead since
 * Tuesday shows by Friday. Public holidays are each office's setting on its kiosk, which central
 * does not hold: after Tết a kiosk may show silent until it next syncs (docs/DECISIONS.md).
 */
export const DEFAULT_SILENT_WORKING_DAYS = 2;

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a local day `YYYY-MM-DD`. */
const dayNumber = (day: string): number => Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
/** 1970-01-01 was a Thursday: 0 Sunday … 6 Saturday. */
const isWorkingDay = (n: number): boolean => {
  const weekday = (((n + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
};

/**
 * The whole working days (Monday–Friday) strictly between the local day of last contact and
 * today: contact on Friday, asked on Tuesday → 1 (Monday). Both are local days (`YYYY-MM-DD`) in
 * the province's zone; 0 when today is not later.
 */
export function workingDaysWithoutContact(lastContactDay: string, today: string): number {
  const start = dayNumber(lastContactDay) + 1;
  const end = dayNumber(today);
  if (end <= start) return 0;
  const weeks = Math.floor((end - start) / 7);
  let count = weeks * 5;
  for (let n = start + weeks * 7; n < end; n += 1) if (isWorkingDay(n)) count += 1;
  return count;
}

/** Silent: at least `threshold` whole working days without contact. */
export const isSilent = (workingDays: number, threshold: number): boolean => workingDays >= threshold;

const versionPattern = /^v?(\d{1,9}(?:\.\d{1,9}){0,3})(?:-([0-9A-Za-z.-]{1,40}))?(?:\+[0-9A-Za-z.-]*)?$/;
const prerelease = new Intl.Collator('en', { numeric: true });

/**
 * Orders two app versions as release numbers (`0.10.0` after `0.9.2`; `1.0.0-rc.1` before
 * `1.0.0`): negative, zero or positive; null when either is not a version number (a developer
 * build's "dev"), which is then neither the newest nor out of date.
 */
export function compareAppVersions(a: string, b: string): number | null {
  const pa = versionPattern.exec(a.trim());
  const pb = versionPattern.exec(b.trim());
  if (pa === null || pb === null) return null;
  const na = (pa[1] ?? '').split('.').map(Number);
  const nb = (pb[1] ?? '').split('.').map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i += 1) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  const [ra, rb] = [pa[2], pb[2]];
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
  return Math.sign(prerelease.compare(ra, rb));
}

/**
 * A version is the province's newest once this many devices run it (or something newer): one
 * kiosk — a pilot installed ahead, or a kiosk whose token was taken claiming "99.0" — does not make
 * every other kiosk out of date.
 */
export const NEWEST_VERSION_MIN_DEVICES = 2;

/** The newest version number at least `minDevices` of these devices run or exceed (null: none such). */
export function newestAppVersion(versions: Iterable<string | null>, minDevices = NEWEST_VERSION_MIN_DEVICES): string | null {
  const numbered = [...versions].filter((v): v is string => v !== null && compareAppVersions(v, v) !== null);
  numbered.sort((a, b) => compareAppVersions(b, a) ?? 0);
  return numbered[minDevices - 1] ?? null;
}

/** Older than the newest seen in the province (false for a version that is not a number). */
export const isOutdatedVersion = (version: string | null, newest: string | null): boolean =>
  version !== null && newest !== null && (compareAppVersions(version, newest) ?? 0) < 0;

/** What the summary line counts of one device (FleetDevice has these, and more). */
export interface FleetStanding {
  silent: boolean;
  missingSeqs: number;
  chainGapPositions: number;
  declaredLost: { seq: readonly unknown[]; chain: readonly unknown[] };
  chainBreaks: readonly unknown[];
  outdated: boolean;
}

export const hasGap = (d: FleetStanding): boolean => d.missingSeqs > 0 || d.chainGapPositions > 0;
export const hasDeclaredLoss = (d: FleetStanding): boolean => d.declaredLost.seq.length > 0 || d.declaredLost.chain.length > 0;
export const hasChainBreak = (d: FleetStanding): boolean => d.chainBreaks.length > 0;

export interface FleetSummary {
  devices: number;
  silent: number;
  withGaps: number;
  /** Declared losses or chain breaks: the record is known damaged. */
  damaged: number;
  outdated: number;
}

export function fleetSummary(devices: readonly FleetStanding[]): FleetSummary {
  return {
    devices: devices.length,
    silent: devices.filter((d) => d.silent).length,
    withGaps: devices.filter(hasGap).length,
    damaged: devices.filter((d) => hasDeclaredLoss(d) || hasChainBreak(d)).length,
    outdated: devices.filter((d) => d.outdated).length,
  };
}

/** How many numbers inclusive ranges hold. */
export const rangeSize = (ranges: readonly { from: number; to: number }[]): number => ranges.reduce((n, r) => n + (r.to - r.from + 1), 0);
