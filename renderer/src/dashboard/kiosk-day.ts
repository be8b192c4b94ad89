// The kiosk's local day, from the client clock. The time zone is the product's default
// (Asia/Ho_Chi_Minh): the home screen does not carry the configured zone yet.
import { toLocalDay } from '../../../shared/local-time';

export const KIOSK_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function kioskToday(now: Date = new Date()): string {
  return toLocalDay(now, KIOSK_TIME_ZONE);
}
