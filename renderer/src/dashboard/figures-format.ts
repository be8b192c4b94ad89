// The kiosk's figure formats: the number and day formats shared with central's page
// (shared/ui/figures-format.ts, re-exported so the kiosk's screens keep one import), and instants
// in the kiosk's own time zone.
import { kioskDateFormat } from '../time/kiosk-time-zone';

export { formatCount, formatDay, formatRange, formatShare, formatShareChange, formatShortDay } from '../../../shared/ui/figures-format';

/** An instant as the kiosk's local time, e.g. "17:05 23/11/2026". */
export function formatInstant(at: Date): string {
  return kioskDateFormat({ hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
}

/** An instant's hour and minute in the kiosk's zone, e.g. "07:45". */
export function formatTime(at: Date): string {
  return kioskDateFormat({ hour: '2-digit', minute: '2-digit' }).format(at);
}
