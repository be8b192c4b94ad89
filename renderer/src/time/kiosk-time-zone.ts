// The kiosk's configured time zone, for every renderer screen that shows a day or a time. One
// place: the home screen carries the zone (a setting); the app reads it at start and each time
// the staff area opens or closes (where IT may have changed it), see useKioskTimeZoneSetting.
// Until the first reply, the product's default (Asia/Ho_Chi_Minh).
import { useEffect } from 'react';
import { DEFAULT_TIME_ZONE, toLocalDay } from '../../../shared/local-time';
import { useKioskApi } from '../api/kiosk-api-context';

// Not shared/settings.ts's defaults: that module (schemas and all) would join the entry chunk.
let zone = DEFAULT_TIME_ZONE;

export function kioskTimeZone(): string {
  return zone;
}

/** Called with each home screen the backend sends; tests call it to pin another zone. */
export function rememberKioskTimeZone(timeZone: string): void {
  zone = timeZone;
}

/** The kiosk's local day (YYYY-MM-DD) at `now`, in the configured zone. */
export function kioskToday(now: Date = new Date()): string {
  return toLocalDay(now, zone);
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** A vi-VN formatter in the configured zone, cached per zone and options. */
export function kioskDateFormat(options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('vi-VN', { ...options, timeZone: zone });
    formats.set(key, format);
  }
  return format;
}

/** Reads the configured zone from the home screen whenever `when` changes (and at mount). */
export function useKioskTimeZoneSetting(when: unknown): void {
  const api = useKioskApi();
  useEffect(() => {
    void api.getHomeScreen({}).then((reply) => {
      if (reply.ok) rememberKioskTimeZone(reply.data.timeZone);
    });
  }, [api, when]);
}
