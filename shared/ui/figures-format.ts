// How figures read on the kiosk's dashboard and printed report and on central's charts:
// Vietnamese number formats ("1.200", "66,7 %"), local days ("23/11/2026"). One place, so the
// screen and the paper agree. Instants in the kiosk's zone stay with the kiosk
// (renderer/src/dashboard/figures-format.ts). Types only from periods.ts: it builds zod schemas at
// load, and this module is in the citizen screen's entry chunk (SyncStatusLine), which must not
// load zod (tests/e2e/bundle-budget.test.ts).
import type { DayRange } from '../periods';

const counts = new Intl.NumberFormat('vi-VN');
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A no-break space keeps "66,7" and "%" on one line. */
const NBSP = '\u00a0';

export function formatCount(n: number): string {
  return counts.format(n);
}

/** A share in [0, 1] as a percentage with one decimal; "—" when there is nothing to divide by. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${oneDecimal.format(share * 100)}${NBSP}%`;
}

/** The change between two shares in percentage points, with an arrow: "▲ 3,3 điểm %". */
export function formatShareChange(current: number | null, previous: number | null): { text: string; trend: 'up' | 'down' | 'same' } | null {
  if (current === null || previous === null) return null;
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return { text: `= 0,0 điểm${NBSP}%`, trend: 'same' };
  const arrow = points > 0 ? '▲' : '▼';
  return { text: `${arrow} ${oneDecimal.format(Math.abs(points))} điểm${NBSP}%`, trend: points > 0 ? 'up' : 'down' };
}

/** '2026-11-23' → '23/11/2026' (no Date object: the day is already the kiosk's local day). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** '2026-11-23' → '23/11' for chart axes. */
export function formatShortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${d}/${m}`;
}

export function formatRange(range: DayRange): string {
  return range.from === range.to ? formatDay(range.from) : `${formatDay(range.from)} – ${formatDay(range.to)}`;
}
