// Opening hours (issue 15): the one rule that says whether the one-stop section is open at an
// instant, and when that next changes. Used by the backend (the `outside_hours` flag on a tap),
// the citizen screen (the "Ngoài giờ làm việc" screen, switched by a timer at the next change)
// and the Electron shell (the display kept awake only while open). Zod-free and small: the
// citizen screen's entry chunk imports it (its schema is shared/opening-hours.ts).
//
// Evaluated in the kiosk's time zone, on local days: a weekday's periods are local clock times,
// a holiday is one whole local day (00:00 to 24:00). A period is [from, to): open at `from`,
// closed again at `to` exactly (07:30–11:30 is open at 11:29:59.999 and closed at 11:30:00).
import { TZDate } from '@date-fns/tz';

/** Index = JavaScript's getDay() (0 = Sunday). */
export const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];
/** The order people read a week in Vietnam: Monday first (DOMAIN.md). */
export const weekFromMonday: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "HH:MM"–"HH:MM" local clock times; `to` may be "24:00" (open until midnight). */
export interface OpeningPeriod {
  from: string;
  to: string;
}
/** A whole local day closed, e.g. { date: '2026-09-02', name: 'Quốc khánh' }. */
export interface Holiday {
  date: string;
  name: string;
}
export interface OpeningHours {
  /** Per weekday, 0–3 periods, sorted and not overlapping; none: closed that day. */
  week: Record<WeekdayKey, OpeningPeriod[]>;
  holidays: Holiday[];
}

export interface OpeningState {
  open: boolean;
  /** The first instant after `at` at which `open` flips; null when it never does (no periods at all). */
  nextChange: Date | null;
  /** Today's holiday, if today is one. */
  holiday: Holiday | null;
  /** Today's weekday in the kiosk's zone. */
  weekday: WeekdayKey;
}

/** "07:30" → 450; "24:00" → 1440. */
export function minutesOf(clock: string): number {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayText = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function holidayOn(hours: OpeningHours, local: Date): Holiday | null {
  const day = dayText(local);
  return hours.holidays.find((h) => h.date === day) ?? null;
}

function openAtLocal(hours: OpeningHours, local: Date): boolean {
  if (holidayOn(hours, local) !== null) return false;
  const minute = local.getHours() * 60 + local.getMinutes() + (local.getSeconds() * 1000 + local.getMilliseconds()) / 60_000;
  const periods = hours.week[weekdayKeys[local.getDay()] ?? 'sun'];
  return periods.some((p) => minutesOf(p.from) <= minute && minute < minutesOf(p.to));
}

/** Whether the section is open at `at` (the backend's flag needs only this). */
export function isOpenAt(hours: OpeningHours, at: Date, timeZone: string): boolean {
  return openAtLocal(hours, new TZDate(at.getTime(), timeZone));
}

export function openingStateAt(hours: OpeningHours, at: Date, timeZone: string): OpeningState {
  const local = new TZDate(at.getTime(), timeZone);
  const open = openAtLocal(hours, local);
  return { open, nextChange: nextChangeAfter(hours, local, open, timeZone), holiday: holidayOn(hours, local), weekday: weekdayKeys[local.getDay()] ?? 'sun' };
}

function nextChangeAfter(hours: OpeningHours, local: TZDate, open: boolean, timeZone: string): Date | null {
  // No periods at all: closed for good (a holiday-free always-open week never changes either).
  if (weekdayKeys.every((k) => hours.week[k].length === 0)) return null;
  // Every weekday with periods comes round once a week; each holiday can close at most one of
  // them: within 7 × (holidays + 1) days an open day (hence a change) must have come.
  const days = 7 * (hours.holidays.length + 1) + 1;
  const at = local.getTime();
  const [y, m, today] = [local.getFullYear(), local.getMonth(), local.getDate()];
  for (let i = 0; i < days; i += 1) {
    const d = today + i;
    // Midnight (a holiday starts or ends) and each period's edges, in order.
    const dayStart = new TZDate(y, m, d, 0, 0, 0, 0, timeZone);
    const periods = hours.week[weekdayKeys[dayStart.getDay()] ?? 'sun'];
    const edges = [0, ...periods.flatMap((p) => [minutesOf(p.from), minutesOf(p.to)])];
    for (const minute of edges) {
      const edge = new TZDate(y, m, d, Math.floor(minute / 60), minute % 60, 0, 0, timeZone);
      if (edge.getTime() > at && openAtLocal(hours, edge) !== open) return new Date(edge.getTime());
    }
  }
  return null;
}
