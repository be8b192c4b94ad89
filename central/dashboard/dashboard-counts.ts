// What both stores hand the dashboard (issue 16): ratings and reason choices of a range of local
// days, grouped so the figures can be cut by device, officer, service area and flags without
// moving single ratings. One row mapping for SQLite (flags as JSON text) and PostgreSQL (jsonb).
import type { DayRange } from '../../shared/periods';

/** Ratings with the same device, officer, service area, scale, level and flags. */
export interface RatingCount {
  deviceId: string;
  officerId: string | null;
  serviceCode: string | null;
  scale: string;
  level: number;
  flags: string[];
  n: number;
}

/**
 * How many ratings with these flags, on this device and officer, had this reason chosen. A reason counts once
 * per rating, however many answers repeat it, and only from an answer of the rating's own device:
 * a device cannot pile reasons onto another's ratings.
 */
export interface ReasonChoiceCount {
  deviceId: string;
  officerId: string | null;
  flags: string[];
  code: string;
  label: string;
  n: number;
}

/** Ratings of one local day (`when`: 'YYYY-MM-DD') or local hour (`when`: 0–23, from the kiosk's own createdAt), by device, officer, scale, level and flags. */
export interface WhenCount<T> {
  deviceId: string;
  officerId: string | null;
  when: T;
  scale: string;
  level: number;
  flags: string[];
  n: number;
}

export interface DashboardCounts {
  ratings: RatingCount[];
  reasons: ReasonChoiceCount[];
  /** For the trend: per local day. */
  days: WhenCount<string>[];
  /** For the hourly pattern: per hour of the office's local day. */
  hours: WhenCount<number>[];
}

/** The four grouped reads behind DashboardCounts (from the tallies, or the raw recount). */
export interface CountQueries {
  ratings: string;
  reasons: string;
  days: string;
  hours: string;
}

/** The rows each query answered, mapped to the counts. */
export function countsFromRows(rows: Record<keyof CountQueries, readonly unknown[]>): DashboardCounts {
  return {
    ratings: rows.ratings.map((r) => ratingCountRow(r as Row)),
    reasons: rows.reasons.map((r) => reasonChoiceCountRow(r as Row)),
    days: rows.days.map((r) => dayCountRow(r as Row)),
    hours: rows.hours.map((r) => hourCountRow(r as Row)),
  };
}

/** What a store implements; `range` is in local days as each kiosk stamped them (`local_day`). */
export interface DashboardCountSource {
  dashboardCounts(range: DayRange): Promise<DashboardCounts>;
}

// The rows come from central's own tally (or ratings) tables, written only by checked ingest: they are
// mapped by hand with light type checks, not zod, which cost ~3 µs a row — most of a month's read
// at a province's size (issue 17 bench). A row of the wrong shape (a damaged database) still throws.
type Row = Record<string, unknown>;

class CountRowError extends Error {
  constructor(column: string, value: unknown) {
    super(`dashboard count row: bad ${column} (${typeof value})`);
    this.name = 'CountRowError';
  }
}

const text = (r: Row, column: string): string => {
  const v = r[column];
  if (typeof v !== 'string') throw new CountRowError(column, v);
  return v;
};
const textOrNull = (r: Row, column: string): string | null => (r[column] === null ? null : text(r, column));
/** SQLite answers numbers; PostgreSQL's sum() and count() answer bigint as a string. */
const whole = (r: Row, column: string): number => {
  const v = r[column];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw new CountRowError(column, v);
  return n;
};
/** SQLite stores flags as JSON text, PostgreSQL as jsonb; a handful of distinct lists, parsed once each. */
const parsedFlags = new Map<string, readonly string[]>();
const flagsOf = (r: Row): string[] => {
  const v = r.flags;
  if (typeof v === 'string') {
    let list = parsedFlags.get(v);
    if (list === undefined) {
      const parsed: unknown = JSON.parse(v);
      if (!Array.isArray(parsed) || !parsed.every((f) => typeof f === 'string')) throw new CountRowError('flags', v);
      list = Object.freeze(parsed);
      if (parsedFlags.size < 1000) parsedFlags.set(v, list);
    }
    return list as string[];
  }
  if (!Array.isArray(v) || !v.every((f) => typeof f === 'string')) throw new CountRowError('flags', v);
  return v;
};

export const ratingCountRow = (r: Row): RatingCount => ({
  deviceId: text(r, 'device_id'),
  officerId: textOrNull(r, 'officer_id'),
  serviceCode: textOrNull(r, 'service_code'),
  scale: text(r, 'scale'),
  level: whole(r, 'level'),
  flags: flagsOf(r),
  n: whole(r, 'n'),
});

export const reasonChoiceCountRow = (r: Row): ReasonChoiceCount => {
  const code = text(r, 'code');
  return { deviceId: text(r, 'device_id'), officerId: textOrNull(r, 'officer_id'), flags: flagsOf(r), code, label: textOrNull(r, 'label') ?? code, n: whole(r, 'n') };
};

const whenCount = <T>(r: Row, when: T): WhenCount<T> => ({
  deviceId: text(r, 'device_id'),
  officerId: textOrNull(r, 'officer_id'),
  when,
  scale: text(r, 'scale'),
  level: whole(r, 'level'),
  flags: flagsOf(r),
  n: whole(r, 'n'),
});

export const dayCountRow = (r: Row): WhenCount<string> => {
  const v = r.when;
  if (v instanceof Date) return whenCount(r, v.toISOString().slice(0, 10));
  return whenCount(r, text(r, 'when'));
};

export const hourCountRow = (r: Row): WhenCount<number> => {
  const hour = whole(r, 'when');
  if (hour < 0 || hour > 23) throw new CountRowError('when', hour);
  return whenCount(r, hour);
};
