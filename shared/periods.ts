// Report periods in the kiosk's local days. Weeks start on Monday (DOMAIN.md). Pure functions
// over 'YYYY-MM-DD' strings, so the renderer and the backend agree on every boundary.
import { z } from 'zod';

export const localDaySchema = z.iso.date();

export const periodPresets = ['today', 'yesterday', 'this-week', 'last-week', 'this-month', 'last-month', 'this-quarter'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export const periodLabels: Record<PeriodPreset | 'custom', string> = {
  today: 'Hôm nay',
  yesterday: 'Hôm qua',
  'this-week': 'Tuần này',
  'last-week': 'Tuần trước',
  'this-month': 'Tháng này',
  'last-month': 'Tháng trước',
  'this-quarter': 'Quý này',
  custom: 'Tùy chọn',
};

export const dayRangeSchema = z
  .strictObject({ from: localDaySchema, to: localDaySchema })
  .refine((r) => r.from <= r.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc', path: ['to'] });
export type DayRange = z.infer<typeof dayRangeSchema>;

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
}

/** Whole days from `from` to `to`, both included. */
export function daysInRange({ from, to }: DayRange): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000) + 1;
}

function mondayOf(day: string): string {
  const weekday = (toDate(day).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

function monthStart(day: string, monthsBack = 0): string {
  const d = toDate(day);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)));
}

/** The range a preset names, seen from the local day `today`. */
export function presetRange(preset: PeriodPreset, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'this-week':
      return { from: mondayOf(today), to: today };
    case 'last-week':
      return { from: addDays(mondayOf(today), -7), to: addDays(mondayOf(today), -1) };
    case 'this-month':
      return { from: monthStart(today), to: today };
    case 'last-month':
      return { from: monthStart(today, 1), to: addDays(monthStart(today), -1) };
    case 'this-quarter': {
      const d = toDate(today);
      const quarterStart = toDay(new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)));
      return { from: quarterStart, to: today };
    }
  }
}

/** The period just before, of the same length: what "compared with last time" compares with. */
export function previousRange(range: DayRange): DayRange {
  const length = daysInRange(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}
