// The trend's points over any period central's page can show (issue 16). Central answers every
// local day of the range (DashboardFigures.byDay); a year of daily bars is a smear, so the page
// groups: up to 62 days per day (a month, two at most), up to 186 days per week (a quarter: 13
// bars; weeks start on Monday, a week cut by the range counts only its days in the range), longer
// per month (a year: 12 bars). The rate of a week or month follows the officer minimum
// (shared/rating-rules.ts rateWithMinimum) — see `bucketRate`.
import { dashboardRange } from '../central-dashboard';
import type { DayRange } from '../periods';
import { daysInRange } from '../periods';
import { rateWithMinimum } from '../rating-rules';
import { formatShortDay } from './figures-format';

export interface TrendPoint {
  label: string;
  total: number;
  satisfactionRate: number | null;
}

export type TrendStep = 'day' | 'week' | 'month';

export const MAX_DAILY_TREND_DAYS = 62;
export const MAX_WEEKLY_TREND_DAYS = 186;

export function trendStep(range: DayRange): TrendStep {
  const days = daysInRange(range);
  if (days <= MAX_DAILY_TREND_DAYS) return 'day';
  return days <= MAX_WEEKLY_TREND_DAYS ? 'week' : 'month';
}

interface Day {
  day: string;
  total: number;
  satisfied: number;
  satisfactionRate: number | null;
}

/**
 * A week's or month's rate. Central withholds a day's rate when its ratings could single out one
 * officer and are fewer than the minimum, and the page cannot see how many officers a day had; so a
 * bucket with fewer ratings than the minimum that holds a withheld day is withheld too (it may be one
 * officer's). That never shows a rate central would hide; at worst it hides one central would show
 * (two officers each below the minimum on different days).
 */
function bucketRate(days: readonly Day[], minimum: number): number | null {
  const total = days.reduce((n, d) => n + d.total, 0);
  const satisfied = days.reduce((n, d) => n + d.satisfied, 0);
  const withheld = days.some((d) => d.total > 0 && d.satisfactionRate === null);
  return rateWithMinimum({ total, satisfied }, withheld ? 1 : 0, minimum);
}

/** "2026-11" → "11/2026". */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** The points of the trend for `byDay` (every day of `range`, in order), by the step the range's length calls for. */
export function trendPoints(byDay: readonly Day[], range: DayRange, minimum: number): { step: TrendStep; points: TrendPoint[] } {
  const step = trendStep(range);
  if (step === 'day') return { step, points: byDay.map((d) => ({ label: formatShortDay(d.day), total: d.total, satisfactionRate: d.satisfactionRate })) };
  const buckets = new Map<string, Day[]>();
  for (const d of byDay) {
    const key = step === 'week' ? dashboardRange('week', d.day).from : d.day.slice(0, 7);
    buckets.set(key, [...(buckets.get(key) ?? []), d]);
  }
  const points = [...buckets.values()].map((days) => ({
    // A week is named by its first day in the range (the range may start mid-week).
    label: step === 'week' ? formatShortDay(days[0]?.day ?? '') : monthLabel(days[0]?.day.slice(0, 7) ?? ''),
    total: days.reduce((n, d) => n + d.total, 0),
    satisfactionRate: bucketRate(days, minimum),
  }));
  return { step, points };
}
