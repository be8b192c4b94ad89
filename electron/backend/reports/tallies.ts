// The dashboard's figures for a range of local days, from the grouped counts of tallies-repo.
// Who sees what: an officer sees their own counter, a section head every counter this kiosk
// knows. A kiosk is one counter and stores only its own ratings, so both see the same rows
// here; central (a later issue) is where several counters meet.
import type { Database } from 'better-sqlite3';
import type { Reason } from '../../../shared/citizen-options';
import { factorOfCode } from '../../../shared/survey-factor-names';
import type { SurveyFactor } from '../../../shared/survey-factors';
import { factorRows, isSatisfied, levelOf, NO_OFFICER_NAME, NO_SERVICE_AREA_NAME, rate, rateWithMinimum, type Summary } from '../../../shared/rating-rules';
import { addDays, previousRange, type DayRange } from '../../../shared/periods';
import { scaleIds, scales } from '../../../shared/scales';
import type { Tallies } from '../../../shared/tallies';
import { readDashboardSettings, readKioskSettings, readServiceAreas } from '../settings-repo';
import {
  countByDay,
  countByHour,
  countByLevel,
  countByOfficer,
  countByServiceArea,
  countFlagged,
  countReasonsByCode,
  officersByDayAndArea,
  topReasons,
  type LevelCount,
  type TallyFilter,
} from './tallies-repo';

export const TREND_DAYS = 30;

// The counting rules live in shared/rating-rules.ts (central's dashboard uses them too); re-exported for this layer.
export { isSatisfied, isScaleId, levelOf, NO_OFFICER_NAME, NO_SERVICE_AREA_NAME, rate, rateWithMinimum, type Summary } from '../../../shared/rating-rules';

/** How many named officers served each day, each service area and the whole range. */
function officerCounts(db: Database, filter: TallyFilter) {
  const byDay = new Map<string, Set<string>>();
  const byArea = new Map<string | null, Set<string>>();
  const all = new Set<string>();
  const add = <K>(map: Map<K, Set<string>>, key: K, officer: string) => map.set(key, (map.get(key) ?? new Set()).add(officer));
  for (const row of officersByDayAndArea(db, filter)) {
    add(byDay, row.day, row.officer_id);
    add(byArea, row.service_code, row.officer_id);
    all.add(row.officer_id);
  }
  return { day: (d: string) => byDay.get(d)?.size ?? 0, area: (a: string | null) => byArea.get(a)?.size ?? 0, all: all.size };
}

export function summarize(counts: readonly LevelCount[]): Summary {
  let total = 0;
  let satisfied = 0;
  for (const c of counts) {
    total += c.n;
    if (isSatisfied(c.scale, c.level)) satisfied += c.n;
  }
  return { total, satisfied };
}

function groupBy<T extends LevelCount, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

export interface DaySummary extends Summary {
  day: string;
  satisfactionRate: number | null;
}

/** Every local day from `from` to `to`, with its counts (zero for a day without ratings) and rate. */
export function dailySummaries(db: Database, filter: TallyFilter): DaySummary[] {
  const byDay = groupBy(countByDay(db, filter), (r) => r.day);
  const { officerMinimumRatings } = readDashboardSettings(db);
  const officers = officerCounts(db, filter);
  const days: DaySummary[] = [];
  for (let day = filter.from; day <= filter.to; day = addDays(day, 1)) {
    const s = summarize(byDay.get(day) ?? []);
    days.push({ day, ...s, satisfactionRate: rateWithMinimum(s, officers.day(day), officerMinimumRatings) });
  }
  return days;
}

/**
 * Reason choices per factor of the national survey. A code's factor is the one the office's
 * reason list gives it today (a code since removed from the list: its usual factor), so moving a
 * reason to another factor regroups its history too, as relabelling it relabels it. No reason
 * chosen in the range: no rows.
 */
export function reasonsByFactor(counts: readonly { code: string; n: number }[], reasons: readonly Reason[]): Tallies['byFactor'] {
  const byFactor = new Map<SurveyFactor | null, number>();
  for (const { code, n } of counts) {
    const factor = factorOfCode(code, reasons);
    byFactor.set(factor, (byFactor.get(factor) ?? 0) + n);
  }
  return factorRows(byFactor);
}

export function computeTallies(db: Database, range: DayRange, includeFlagged: boolean): Tallies {
  // One read transaction: every figure comes from the same snapshot, even if a rating lands.
  return db.transaction((): Tallies => {
    const filter: TallyFilter = { ...range, includeFlagged };
    const { officerMinimumRatings } = readDashboardSettings(db);
    const levels = countByLevel(db, filter);
    const { total, satisfied } = summarize(levels);
    const officers = officerCounts(db, filter);
    const presentScales = scaleIds.filter((s) => levels.some((c) => c.scale === s && c.n > 0));

    const byScale = presentScales.map((scale) => {
      const onScale = levels.filter((c) => c.scale === scale);
      const scaleTotal = onScale.reduce((sum, c) => sum + c.n, 0);
      return {
        scale,
        total: scaleTotal,
        levels: scales[scale].map(({ level, label }) => {
          const count = onScale.find((c) => c.level === level)?.n ?? 0;
          return { level, label, count, share: rate(count, scaleTotal) };
        }),
      };
    });

    // Stacked by label, not by level number: level 3 is "Không hài lòng" on vn-3 but
    // "Bình thường" on vn-4, while a label means the same on every scale.
    const labels = [...new Set(presentScales.flatMap((s) => scales[s].map((l) => l.label)))];
    const hours = groupBy(countByHour(db, filter), (r) => r.hour);
    const byHour = Array.from({ length: 24 }, (_, hour) => {
      const byLevel: Record<string, number> = Object.fromEntries(labels.map((label) => [label, 0]));
      let hourTotal = 0;
      for (const c of hours.get(hour) ?? []) {
        const label = levelOf(c.scale, c.level)?.label ?? `${c.scale} ${c.level}`;
        byLevel[label] = (byLevel[label] ?? 0) + c.n;
        hourTotal += c.n;
      }
      return { hour, byLevel, total: hourTotal };
    });

    const trend = dailySummaries(db, { from: addDays(range.to, -(TREND_DAYS - 1)), to: range.to, includeFlagged });

    const collator = new Intl.Collator('vi');
    const byOfficer = [...groupBy(countByOfficer(db, filter), (r) => r.officer_id).entries()]
      .map(([officerId, rows]) => {
        const s = summarize(rows);
        return {
          officerId,
          name: officerId === null ? NO_OFFICER_NAME : (rows[0]?.officer_name ?? officerId),
          ...s,
          // One or two ratings must not brand a person (the "no shift" row included).
          satisfactionRate: rateWithMinimum(s, 1, officerMinimumRatings),
        };
      })
      .sort((a, b) => Number(a.officerId === null) - Number(b.officerId === null) || collator.compare(a.name, b.name));

    const areas = readServiceAreas(db);
    // The section head's order; codes no longer in the list after it, "no area" last.
    const position = (code: string | null) => {
      const index = areas.findIndex((a) => a.code === code);
      return code === null ? areas.length + 1 : index === -1 ? areas.length : index;
    };
    const byServiceArea = [...groupBy(countByServiceArea(db, filter), (r) => r.service_code).entries()]
      .map(([serviceCode, rows]) => {
        const s = summarize(rows);
        const name = serviceCode === null ? NO_SERVICE_AREA_NAME : (areas.find((a) => a.code === serviceCode)?.name ?? serviceCode);
        return { serviceCode, name, ...s, satisfactionRate: rateWithMinimum(s, officers.area(serviceCode), officerMinimumRatings) };
      })
      .sort((a, b) => position(a.serviceCode) - position(b.serviceCode) || collator.compare(a.name, b.name));

    const suspectedCount = countFlagged(db, range);
    const previous = previousRange(range);
    const before = summarize(countByLevel(db, { ...previous, includeFlagged }));
    const officersBefore = officerCounts(db, { ...previous, includeFlagged }).all;

    return {
      range,
      total,
      satisfied,
      satisfactionRate: rateWithMinimum({ total, satisfied }, officers.all, officerMinimumRatings),
      byScale,
      previous: { range: previous, total: before.total, satisfactionRate: rateWithMinimum(before, officersBefore, officerMinimumRatings) },
      byHour,
      trend,
      byOfficer,
      byServiceArea,
      topReasons: topReasons(db, filter).map(({ reason, n }) => ({ reason, count: n })),
      byFactor: reasonsByFactor(countReasonsByCode(db, filter), readKioskSettings(db).reasons),
      officerMinimumRatings,
      includesFlagged: includeFlagged,
      excludedFlaggedCount: includeFlagged ? 0 : suspectedCount,
      suspectedCount,
    };
  })();
}
