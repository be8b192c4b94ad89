// Runs of "Không hài lòng" at one counter by the ratings' own times (issue 17), pure. The
// condition "N within M minutes" holds at instant t when at least N such ratings have createdAt in
// [t − M, t]; a run is a stretch where it holds without a break, so a run is one episode however
// many ratings keep it going, and a later stretch after a break is a new one. Computed from the
// ratings, not from when they arrived: a USB file a week late puts its run on its own day.

export interface TimedRating {
  ms: number;
  /** The kiosk's createdAt, with its offset, as stored. */
  createdAt: string;
}

export interface CounterRun {
  /** The first rating of the run. */
  fromMs: number;
  /** The instant the condition stops holding: the run's last window's first rating + M. */
  toMs: number;
  /** The rating that brought the count to N: when it happened. */
  reachedAt: string;
  reachedMs: number;
  /** Ratings in the run. */
  count: number;
}

/** `ratings` in any order; runs in time order. */
export function counterRuns(ratings: readonly TimedRating[], count: number, minutes: number): CounterRun[] {
  const sorted = [...ratings].sort((a, b) => a.ms - b.ms);
  const span = minutes * 60_000;
  const runs: (CounterRun & { firstIndex: number; lastIndex: number })[] = [];
  for (let i = count - 1; i < sorted.length; i++) {
    const first = sorted[i - count + 1];
    const last = sorted[i];
    if (first === undefined || last === undefined || last.ms - first.ms > span) continue;
    const toMs = first.ms + span;
    const previous = runs.at(-1);
    // Still holding when this window begins (or touching it): the same run goes on.
    if (previous !== undefined && last.ms <= previous.toMs) {
      previous.toMs = Math.max(previous.toMs, toMs);
      previous.lastIndex = i;
      previous.count = i - previous.firstIndex + 1;
    } else {
      runs.push({ fromMs: first.ms, toMs, reachedAt: last.createdAt, reachedMs: last.ms, count, firstIndex: i - count + 1, lastIndex: i });
    }
  }
  return runs.map(({ fromMs, toMs, reachedAt, reachedMs, count: n }) => ({ fromMs, toMs, reachedAt, reachedMs, count: n }));
}

/** The offset of an ISO instant's text in minutes (Z: 0); null when it has none. */
export function offsetMinutesOf(iso: string): number | null {
  if (iso.endsWith('Z')) return 0;
  const match = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The local day (YYYY-MM-DD) of an instant at a fixed offset. */
export function localDayAt(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
