// What the citizen reads on the hours screens (issue 15), in each language the kiosk can offer.
// Beside the screens rather than in citizen-text.ts: they load on demand (lazy-covers.tsx), and
// their words with them, out of the citizen screen's entry chunk and its size budget.
import type { Language } from '../../../../shared/citizen-options';
import type { WeekdayKey } from '../../../../shared/opening-hours-rule';

export interface HoursText {
  outsideHours: string;
  /** Heading of the week's hours. */
  workingHours: string;
  weekday: Record<WeekdayKey, string>;
  /** A day without periods. */
  closed: string;
  today: (weekday: string, hours: string) => string;
  holidayToday: (name: string) => string;
  /** When the section opens again: `weekday` null means later today. */
  opensAgain: (weekday: string | null, clock: string) => string;
  /** The smaller button that still leads to the faces (the rating is flagged, and counted). */
  rateAnyway: string;
  attractTitle: string;
  attractHint: string;
}

export const hoursText: Record<Language, HoursText> = {
  vi: {
    outsideHours: 'Ngoài giờ làm việc',
    workingHours: 'Giờ làm việc',
    weekday: { mon: 'Thứ Hai', tue: 'Thứ Ba', wed: 'Thứ Tư', thu: 'Thứ Năm', fri: 'Thứ Sáu', sat: 'Thứ Bảy', sun: 'Chủ nhật' },
    closed: 'Nghỉ',
    today: (weekday, hours) => `Hôm nay (${weekday}): ${hours}`,
    holidayToday: (name) => `Hôm nay nghỉ: ${name}`,
    opensAgain: (weekday, clock) => (weekday === null ? `Mở cửa lại lúc ${clock} hôm nay` : `Mở cửa lại: ${weekday}, ${clock}`),
    rateAnyway: 'Đánh giá',
    attractTitle: 'Mời Ông/Bà đánh giá sự phục vụ',
    attractHint: 'Chạm vào màn hình để bắt đầu',
  },
  en: {
    outsideHours: 'Outside working hours',
    workingHours: 'Working hours',
    weekday: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
    closed: 'Closed',
    today: (weekday, hours) => `Today (${weekday}): ${hours}`,
    holidayToday: (name) => `Closed today: ${name}`,
    opensAgain: (weekday, clock) => (weekday === null ? `Opens again at ${clock} today` : `Opens again: ${weekday}, ${clock}`),
    rateAnyway: 'Rate',
    attractTitle: 'Please rate our service',
    attractHint: 'Touch the screen to start',
  },
};
