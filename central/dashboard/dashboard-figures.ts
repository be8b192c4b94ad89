// From grouped counts and the directory to the dashboard's figures (issue 16,
// shared/central-dashboard.ts): the province, a unit (its offices and every unit below it) or one
// officer of one device. Pure: the same function answers the JSON routes and builds the .xlsx
// report, for SQLite and PostgreSQL alike. The counting rules are the kiosk's
// (shared/rating-rules.ts, shared/rating-flags.ts): nothing here decides what "satisfied",
// "misuse" or "enough ratings" means.
import type { DashboardFigures, RankedPlace } from '../../shared/central-dashboard';
import { addDays, type DayRange } from '../../shared/periods';
import { isMisuseFlag } from '../../shared/rating-flags';
import { factorRows, isSatisfied, levelOf, NO_OFFICER_NAME, NO_SERVICE_AREA_NAME, rate, rateWithMinimum, type Summary } from '../../shared/rating-rules';
import { scaleIds, scales } from '../../shared/scales';
import { factorOfCode } from '../../shared/survey-factor-names';
import { surveyFactorSchema, type SurveyFactor } from '../../shared/survey-factors';
import type { DirectorySnapshot, StoredDeviceDirectory } from '../directory-view';
import type { DashboardCounts, RatingCount } from './dashboard-counts';
import { DashboardRefusal } from './dashboard-refusal';
import { hierarchyOf, type Hierarchy } from './hierarchy';

export const PROVINCE_NAME = 'Toàn tỉnh';
const UNASSIGNED_UNIT_NAME = 'Chưa xếp đơn vị';

export type DashboardSubject =
  | { kind: 'province'; /** A unit viewer's units; null: the whole province. */ limitedToUnits: readonly string[] | null }
  | { kind: 'unit'; code: string }
  | { kind: 'officer'; deviceId: string; officerId: string };

export interface FigureInputs {
  snapshot: DirectorySnapshot;
  range: DayRange;
  counts: DashboardCounts;
  previousRange: DayRange;
  previousCounts: DashboardCounts;
  subject: DashboardSubject;
  includeFlagged: boolean;
  /** The province-wide minimum number of ratings before a rate that can single out one officer is shown. */
  officerMinimumRatings: number;
}

const collator = new Intl.Collator('vi');
const flagged = (flags: readonly string[]) => flags.some(isMisuseFlag);
const officerKey = (deviceId: string, officerId: string) => JSON.stringify([deviceId, officerId]);

/** Every device the subject covers; DashboardRefusal for a unit or device central does not know. */
function devicesOf(h: Hierarchy, subject: DashboardSubject): Set<string> {
  const all = h.devices().map((d) => d.deviceId);
  switch (subject.kind) {
    case 'province': {
      if (subject.limitedToUnits === null) return new Set(all);
      const units = new Set(subject.limitedToUnits.flatMap((code) => [...h.subtree(code)]));
      return new Set(all.filter((id) => units.has(h.unitOfDevice(id) ?? '')));
    }
    case 'unit': {
      if (h.unit(subject.code) === undefined) throw new DashboardRefusal('UNKNOWN_UNIT', subject.code);
      const units = h.subtree(subject.code);
      return new Set(all.filter((id) => units.has(h.unitOfDevice(id) ?? '')));
    }
    case 'officer':
      if (h.device(subject.deviceId) === undefined) throw new DashboardRefusal('UNKNOWN_OFFICER', subject.deviceId);
      return new Set([subject.deviceId]);
  }
}

/** What every grouped count has: whose, on which scale and level, how many. */
type Counted = Pick<RatingCount, 'deviceId' | 'officerId' | 'scale' | 'level' | 'flags' | 'n'>;

function summarize(rows: readonly Counted[]): Summary {
  let total = 0;
  let satisfied = 0;
  for (const r of rows) {
    total += r.n;
    if (isSatisfied(r.scale, r.level)) satisfied += r.n;
  }
  return { total, satisfied };
}

/** Distinct named officers among these rows: the rate rule's "can it single out one officer". */
const namedOfficers = (rows: readonly Counted[]) => new Set(rows.filter((r) => r.officerId !== null).map((r) => officerKey(r.deviceId, r.officerId ?? ''))).size;

function counted(rows: readonly Counted[], minimum: number) {
  const s = summarize(rows);
  return { ...s, satisfactionRate: rateWithMinimum(s, namedOfficers(rows), minimum) };
}

function groupBy<R, K>(rows: readonly R[], key: (r: R) => K): Map<K, R[]> {
  const out = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const group = out.get(k);
    if (group === undefined) out.set(k, [r]);
    else group.push(r);
  }
  return out;
}

/** Lowest rate first; places without a rate (no ratings, or too few from one officer) last. */
function lowestFirst<T extends { satisfactionRate: number | null; name: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.satisfactionRate ?? 2) - (b.satisfactionRate ?? 2) || collator.compare(a.name, b.name));
}

export function computeDashboardFigures(input: FigureInputs): DashboardFigures {
  const { snapshot, subject, includeFlagged, officerMinimumRatings: minimum } = input;
  const h = hierarchyOf(snapshot);
  const directories = new Map<string, StoredDeviceDirectory>(snapshot.directories.map((d) => [d.deviceId, d]));
  const devices = devicesOf(h, subject);
  const inSubject = (r: { deviceId: string; officerId?: string | null }) =>
    devices.has(r.deviceId) && (subject.kind !== 'officer' || r.officerId === subject.officerId);

  const scoped = input.counts.ratings.filter(inSubject);
  const suspectedCount = scoped.filter((r) => flagged(r.flags)).reduce((sum, r) => sum + r.n, 0);
  const counts = <R extends Counted>(list: readonly R[]) => list.filter((r) => inSubject(r) && (includeFlagged || !flagged(r.flags)));
  const rows = counts(scoped);
  const previousRows = counts(input.previousCounts.ratings);

  const days = groupBy(counts(input.counts.days), (r) => r.when);
  const byDay: DashboardFigures['byDay'] = [];
  for (let day = input.range.from; day <= input.range.to; day = addDays(day, 1)) byDay.push({ day, ...counted(days.get(day) ?? [], minimum) });
  // Stacked by label, not by level number: level 3 is "Không hài lòng" on vn-3 but "Bình thường" on vn-4.
  const presentScales = scaleIds.filter((scale) => rows.some((r) => r.scale === scale));
  const labels = [...new Set(presentScales.flatMap((scale) => scales[scale].map((l) => l.label)))];
  const hours = groupBy(counts(input.counts.hours), (r) => r.when);
  const byHour = Array.from({ length: 24 }, (_, hour) => {
    const byLevel: Record<string, number> = Object.fromEntries(labels.map((label) => [label, 0]));
    let total = 0;
    for (const r of hours.get(hour) ?? []) {
      const label = levelOf(r.scale, r.level)?.label ?? `${r.scale} ${r.level}`;
      byLevel[label] = (byLevel[label] ?? 0) + r.n;
      total += r.n;
    }
    return { hour, byLevel, total };
  });

  const byScale = scaleIds
    .map((scale) => {
      const onScale = rows.filter((r) => r.scale === scale);
      const total = onScale.reduce((sum, r) => sum + r.n, 0);
      return {
        scale,
        total,
        levels: scales[scale].map(({ level, label }) => {
          const n = onScale.filter((r) => r.level === level).reduce((sum, r) => sum + r.n, 0);
          return { level, label, count: n, share: rate(n, total) };
        }),
      };
    })
    .filter((s) => s.total > 0);

  const areaName = (code: string) => {
    const names = [...devices].map((id) => directories.get(id)?.serviceAreas.find((a) => a.code === code)?.name).filter((n) => n !== undefined);
    return names.sort(collator.compare)[0] ?? code;
  };
  const byServiceArea = [...groupBy(rows, (r) => r.serviceCode).entries()]
    .map(([serviceCode, group]) => ({ serviceCode, name: serviceCode === null ? NO_SERVICE_AREA_NAME : areaName(serviceCode), ...counted(group, minimum) }))
    .sort((a, b) => Number(a.serviceCode === null) - Number(b.serviceCode === null) || collator.compare(a.name, b.name));

  const byOfficer = [...groupBy(rows, (r) => (r.officerId === null ? null : officerKey(r.deviceId, r.officerId))).entries()]
    .map(([key, group]) => {
      const first = group[0];
      const deviceId = key === null || first === undefined ? null : first.deviceId;
      const officerId = key === null || first === undefined ? null : first.officerId;
      const named = deviceId === null ? undefined : directories.get(deviceId)?.officers.find((o) => o.id === officerId);
      const s = summarize(group);
      return {
        deviceId,
        officerId,
        name: officerId === null ? NO_OFFICER_NAME : (named?.name ?? officerId),
        title: named?.title ?? '',
        officeCode: deviceId === null ? null : (h.device(deviceId)?.officeCode ?? null),
        ...s,
        // One or two ratings must not brand a person (the "no shift" row included), as on the kiosk.
        satisfactionRate: rateWithMinimum(s, 1, minimum),
      };
    })
    .sort((a, b) => Number(a.officerId === null) - Number(b.officerId === null) || collator.compare(a.name, b.name));

  // Reasons: counted from the ratings the figures count (a misuse-flagged rating's reasons go with it).
  const reasonRows = input.counts.reasons.filter((r) => inSubject(r) && (includeFlagged || !flagged(r.flags)));
  const factorOf = (deviceId: string, code: string): { factor: SurveyFactor | null; raw: string | null } => {
    const listed = directories.get(deviceId)?.reasons.find((r) => r.code === code);
    const parsed = listed === undefined ? undefined : surveyFactorSchema.safeParse(listed.factor);
    const factor = factorOfCode(code, listed === undefined ? [] : [{ code, factor: parsed?.success === true ? parsed.data : null }]);
    return { factor, raw: listed === undefined ? factor : listed.factor };
  };
  const byFactorCount = new Map<SurveyFactor | null, number>();
  const reasons = new Map<string, { code: string; label: string; factor: string | null; count: number }>();
  for (const r of reasonRows) {
    const { factor, raw } = factorOf(r.deviceId, r.code);
    byFactorCount.set(factor, (byFactorCount.get(factor) ?? 0) + r.n);
    const label = directories.get(r.deviceId)?.reasons.find((x) => x.code === r.code)?.label ?? r.label;
    const row = reasons.get(r.code) ?? { code: r.code, label, factor: raw, count: 0 };
    row.count += r.n;
    reasons.set(r.code, row);
  }

  const rowsUnder = (units: Set<string>) => rows.filter((r) => units.has(h.unitOfDevice(r.deviceId) ?? ''));
  const rankUnits = (): RankedPlace[] => {
    if (subject.kind === 'officer') return [];
    const list =
      subject.kind === 'unit'
        ? h.childrenOf(subject.code)
        : subject.limitedToUnits === null
          ? h.childrenOf(null)
          : subject.limitedToUnits.map((code) => h.unit(code)).filter((u) => u !== undefined);
    const ranked = list.map((u) => ({ code: u.code, name: u.name, ...counted(rowsUnder(h.subtree(u.code)), minimum) }));
    // Offices not yet placed under a unit still count for the province: shown as their own line.
    if (subject.kind === 'province' && subject.limitedToUnits === null) {
      const unplaced = rows.filter((r) => h.unitOfDevice(r.deviceId) === null);
      if (unplaced.length > 0) ranked.push({ code: '', name: UNASSIGNED_UNIT_NAME, ...counted(unplaced, minimum) });
    }
    return lowestFirst(ranked);
  };
  const offices = lowestFirst(
    [...groupBy(rows, (r) => h.device(r.deviceId)?.officeCode ?? '').entries()].map(([code, group]) => {
      const office = h.office(code);
      return { code, name: office?.name ?? code, timeZone: office?.timeZone ?? null, unitCode: office?.unitCode ?? null, ...counted(group, minimum) };
    }),
  );

  return {
    subject: subjectView(h, directories, subject),
    range: input.range,
    ...counted(rows, minimum),
    byScale,
    previous: { range: input.previousRange, ...counted(previousRows, minimum) },
    byServiceArea,
    byOfficer,
    byDay,
    byHour,
    byFactor: factorRows(byFactorCount),
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count || collator.compare(a.label, b.label)),
    units: rankUnits(),
    offices,
    officerMinimumRatings: minimum,
    includesFlagged: includeFlagged,
    excludedFlaggedCount: includeFlagged ? 0 : suspectedCount,
    suspectedCount,
  };
}

function subjectView(h: Hierarchy, directories: Map<string, StoredDeviceDirectory>, subject: DashboardSubject): DashboardFigures['subject'] {
  switch (subject.kind) {
    case 'province':
      return { kind: 'province', code: null, name: PROVINCE_NAME, limitedToUnits: subject.limitedToUnits === null ? null : [...subject.limitedToUnits] };
    case 'unit':
      return { kind: 'unit', code: subject.code, name: h.unit(subject.code)?.name ?? subject.code, limitedToUnits: null };
    case 'officer': {
      const named = directories.get(subject.deviceId)?.officers.find((o) => o.id === subject.officerId);
      return { kind: 'officer', code: `${subject.deviceId}/${subject.officerId}`, name: named?.name ?? subject.officerId, limitedToUnits: null };
    }
  }
}
