// Opening hours as people read them (issue 15): consecutive days with the same hours grouped,
// clock times as notices write them. Only the "Ngoài giờ làm việc" screen needs these, so they
// live apart from the rule (shared/opening-hours-rule.ts), which the citizen screen's entry
// chunk carries: this module loads with that screen, on demand.
import { TZDate } from '@date-fns/tz';
import { weekdayKeys, weekFromMonday, type OpeningHours, type OpeningPeriod, type WeekdayKey } from './opening-hours-rule';

const pad = (n: number) => String(n).padStart(2, '0');

export interface WeekGroup {
  first: WeekdayKey;
  last: WeekdayKey;
  periods: OpeningPeriod[];
}

/** Consecutive weekdays (Monday first) with the same periods, for "Thứ Hai – Thứ Sáu: …". */
export function weekGroups(hours: OpeningHours): WeekGroup[] {
  const same = (a: OpeningPeriod[], b: OpeningPeriod[]) => a.length === b.length && a.every((p, i) => p.from === b[i]?.from && p.to === b[i]?.to);
  const groups: WeekGroup[] = [];
  for (const day of weekFromMonday) {
    const periods = hours.week[day];
    const last = groups.at(-1);
    if (last !== undefined && same(last.periods, periods)) last.last = day;
    else groups.push({ first: day, last: day, periods });
  }
  return groups;
}

/** "07:30" → "7:30", as Vietnamese notices write hours. */
export const clockLabel = (clock: string): string => clock.replace(/^0(\d)/, '$1');

/** "HH:MM" of an instant in the kiosk's zone (e.g. when the section opens again). */
export function localClock(at: Date, timeZone: string): { weekday: WeekdayKey; clock: string; day: string } {
  const local = new TZDate(at.getTime(), timeZone);
  return { weekday: weekdayKeys[local.getDay()] ?? 'sun', clock: `${pad(local.getHours())}:${pad(local.getMinutes())}`, day: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}` };
}
