// The dashboard's figures for a range of local days, from the grouped counts of tallies-repo.
// Who sees what: an officer sees their own counter, a section head every counter this kiosk
// knows. A kiosk is one counter and stores only its own ratings, so both see the same rows
// here; central (a later issue) is where several counters meet.
import type { Database } from 'better-sqlite3';
import { addDays, previousRange, type DayRange } from '../../../shared/periods';
import { scaleIds, scales, type ScaleId } from '../../../shared/scales';
import type { Tallies } from '../../../shared/tallies';
import { readDashboardSettings, readServiceAreas } from '../settings-repo';
import {
  countByDay,
  countByHour,
  countByLevel,
  countByOfficer,
  countByServiceArea,
  countFlagged,
  topReasons,
  type LevelCount,
  type TallyFilter,
} from './tallies-repo';

export const TREND_DAYS = 30;
export const NO_OFFICER_NAME = 'Chưa đăng nhập ca';
export const NO_SERVICE_AREA_NAME = 'Chưa chọn lĩnh vực';

export const isScaleId = (scale: string): scale is ScaleId => (scaleIds as readonly string[]).includes(scale);

export function levelOf(scale: string, level: number) {
  return isScaleId(scale) ? scales[scale].find((l) => l.level === level) : undefined;
}

/** "Hài lòng" or better, on the scale the rating was given on. */
export const isSatisfied = (scale: string, level: number): boolean => levelOf(scale, level)?.satisfied === true;

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface Summary {
  total: number;
  satisfied: number;
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

/** Every local day from `from` to `to`, with its counts (zero for a day without ratings). */
export function dailySummaries(db: Database, filter: TallyFilter): ({ day: string } & Summary)[] {
  const byDay = groupBy(countByDay(db, filter), (r) => r.day);
  const days: ({ day: string } & Summary)[] = [];
  for (let day = filter.from; day <= filter.to; day = addDays(day, 1)) days.push({ day, ...summarize(byDay.get(day) ?? []) });
  return days;
}

export function computeTallies(db: Database, range: DayRange, includeFlagged: boolean): Tallies {
  // One read transaction: every figure comes from the same snapshot, even if a rating lands.
  return db.transaction((): Tallies => {
    const filter: TallyFilter = { ...range, includeFlagged };
    const { officerMinimumRatings } = readDashboardSettings(db);
    const levels = countByLevel(db, filter);
    const { total, satisfied } = summarize(levels);
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

    const trend = dailySummaries(db, { from: addDays(range.to, -(TREND_DAYS - 1)), to: range.to, includeFlagged }).map((d) => ({
      ...d,
      satisfactionRate: rate(d.satisfied, d.total),
    }));

    const collator = new Intl.Collator('vi');
    const officers = groupBy(countByOfficer(db, filter), (r) => r.officer_id);
    const byOfficer = [...officers.entries()]
      .map(([officerId, rows]) => {
        const s = summarize(rows);
        return {
          officerId,
          name: officerId === null ? NO_OFFICER_NAME : (rows[0]?.officer_name ?? officerId),
          ...s,
          // One or two ratings must not brand a person: no rate below the minimum.
          satisfactionRate: s.total < officerMinimumRatings ? null : rate(s.satisfied, s.total),
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
        return { serviceCode, name, ...s, satisfactionRate: rate(s.satisfied, s.total) };
      })
      .sort((a, b) => position(a.serviceCode) - position(b.serviceCode) || collator.compare(a.name, b.name));

    const suspectedCount = countFlagged(db, range);
    const previous = previousRange(range);
    const before = summarize(countByLevel(db, { ...previous, includeFlagged }));

    return {
      range,
      total,
      satisfied,
      satisfactionRate: rate(satisfied, total),
      byScale,
      previous: { range: previous, total: before.total, satisfactionRate: rate(before.satisfied, before.total) },
      byHour,
      trend,
      byOfficer,
      byServiceArea,
      topReasons: topReasons(db, filter).map(({ reason, n }) => ({ reason, count: n })),
      officerMinimumRatings,
      includesFlagged: includeFlagged,
      excludedFlaggedCount: includeFlagged ? 0 : suspectedCount,
      suspectedCount,
    };
  })();
}
