// What both stores hand the dashboard (issue 16): ratings and reason choices of a range of local
// days, grouped so the figures can be cut by device, officer, service area and flags without
// moving single ratings. One row parser for SQLite (flags as JSON text) and PostgreSQL (jsonb).
import { z } from 'zod';
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

/** What a store implements; `range` is in local days as each kiosk stamped them (`local_day`). */
export interface DashboardCountSource {
  dashboardCounts(range: DayRange): Promise<DashboardCounts>;
}

// Built once: a schema made inside the transform cost ~7 µs per row, most of a month's read (issue 17 bench).
const flagArray = z.array(z.string());
const flagList = z.union([z.string(), flagArray]).transform((v) => (typeof v === 'string' ? flagArray.parse(JSON.parse(v)) : v));
const number = z.union([z.number(), z.string()]).transform(Number);

export const ratingCountRow = z
  .object({ device_id: z.string(), officer_id: z.string().nullable(), service_code: z.string().nullable(), scale: z.string(), level: number, flags: flagList, n: number })
  .transform((r): RatingCount => ({ deviceId: r.device_id, officerId: r.officer_id, serviceCode: r.service_code, scale: r.scale, level: r.level, flags: r.flags, n: r.n }));

export const reasonChoiceCountRow = z
  .object({ device_id: z.string(), officer_id: z.string().nullable(), flags: flagList, code: z.string(), label: z.string().nullable(), n: number })
  .transform((r): ReasonChoiceCount => ({ deviceId: r.device_id, officerId: r.officer_id, flags: r.flags, code: r.code, label: r.label ?? r.code, n: r.n }));

const whenRow = { device_id: z.string(), officer_id: z.string().nullable(), scale: z.string(), level: number, flags: flagList, n: number };
export const dayCountRow = z
  .object({ ...whenRow, when: z.union([z.string(), z.date()]).transform((d) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10))) })
  .transform((r): WhenCount<string> => ({ deviceId: r.device_id, officerId: r.officer_id, when: r.when, scale: r.scale, level: r.level, flags: r.flags, n: r.n }));
export const hourCountRow = z
  .object({ ...whenRow, when: number.pipe(z.number().int().min(0).max(23)) })
  .transform((r): WhenCount<number> => ({ deviceId: r.device_id, officerId: r.officer_id, when: r.when, scale: r.scale, level: r.level, flags: r.flags, n: r.n }));
