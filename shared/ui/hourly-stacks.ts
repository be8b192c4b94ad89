// The stacks of the hourly chart. The kiosk's backend and central both key each hour's counts by
// level *label* ("Rất hài lòng"…), not by level number: level 3 is "Không hài lòng" on the 3-level
// scale but "Bình thường" on the 4-level one, while a label means the same on every scale. So a
// period in which the scale was changed still stacks like with like. Order and colours: best
// first, from shared/scales.ts.
import { scales } from '../scales';

/** One hour of the local day: the kiosk's Tallies.byHour and central's DashboardFigures.byHour rows. */
export interface HourRow {
  hour: number;
  byLevel: Record<string, number>;
  total: number;
}

export interface Stack {
  key: string;
  label: string;
  colour: string;
}

/** Every label, best to worst: the 5-level scale holds them all. */
const labelOrder = scales['vn-5'];
const UNKNOWN_COLOUR = '#8a8577';

export function hourlyStacks(byHour: readonly HourRow[]): Stack[] {
  const present = new Set(byHour.flatMap((h) => Object.keys(h.byLevel)));
  const known = labelOrder.filter((l) => present.has(l.label)).map((l) => ({ label: l.label, colour: l.background }));
  const unknown = [...present].filter((label) => !labelOrder.some((l) => l.label === label)).map((label) => ({ label, colour: UNKNOWN_COLOUR }));
  // Recharts reads dataKey as a path; labels have spaces and may have dots, so rows use plain keys.
  return [...known, ...unknown].map((s, i) => ({ ...s, key: `s${i}` }));
}

/** Office hours are always shown; hours with ratings outside them widen the axis. */
const DAY_START = 7;
const DAY_END = 17;

/** The hours the chart (and its table) show: office hours, widened to every hour with ratings. */
export function shownHours(byHour: readonly HourRow[]): HourRow[] {
  const withRatings = byHour.filter((h) => h.total > 0).map((h) => h.hour);
  const first = Math.min(DAY_START, ...withRatings);
  const last = Math.max(DAY_END, ...withRatings);
  return byHour.filter((h) => h.hour >= first && h.hour <= last);
}
