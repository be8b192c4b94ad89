// Times are stored as ISO-8601 with the kiosk's offset and grouped by the kiosk's local day
// (DOMAIN.md). @date-fns/tz does the zone arithmetic so that we never hand-roll offsets.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** The product's default zone (a setting): Vietnam, UTC+7 all year. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** `2026-11-23T09:15:02.123+07:00` for the instant `at` seen in `timeZone`. */
export function toLocalIso(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
}

/** `2026-11-23`: the calendar day in `timeZone` that contains the instant `at`. */
export function toLocalDay(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'yyyy-MM-dd');
}
