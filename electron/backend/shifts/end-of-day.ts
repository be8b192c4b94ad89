// A shift belongs to one local day. Nobody signs out at 17:00 every day, so the first thing
// that looks at the shift after midnight (a rating, the home screen, the staff area) ends it.
import { TZDate } from '@date-fns/tz';
import type { Database } from 'better-sqlite3';
import { toLocalDay, toLocalIso } from '../../../shared/local-time';
import { endShift, findOpenShift } from './shifts-repo';

/** The local midnight that ends `day`, e.g. '2026-11-23' → '2026-11-24T00:00:00.000+07:00'. */
export function endOfLocalDay(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return toLocalIso(new TZDate(year, month - 1, date + 1, 0, 0, 0, 0, timeZone), timeZone);
}

/**
 * Ends the open shift if it started on an earlier local day than `now`'s, as of the midnight
 * that ended its day (not "now": the officer was not on duty overnight). Returns whether it
 * ended one. Run it inside the caller's transaction, before reading the open shift.
 */
export function endShiftFromEarlierDay(db: Database, now: Date, timeZone: string): boolean {
  const open = findOpenShift(db);
  if (open === undefined || open.local_day >= toLocalDay(now, timeZone)) return false;
  endShift(db, open.id, endOfLocalDay(open.local_day, timeZone), 'end-of-day');
  return true;
}
