// Everything the citizen reads, in each language the kiosk can offer (DOMAIN.md: Vietnamese by
// default, English second). Staff and IT screens stay Vietnamese: their users are officials.
import type { Language, Reason } from '../../../shared/citizen-options';
import type { WeekdayKey } from '../../../shared/opening-hours-rule';
import type { RatingLevel } from '../../../shared/scales';

export interface CitizenText {
  /** The button that switches to this language, written in it. */
  switchLabel: string;
  question: string;
  hint: string;
  /** The large-text toggle in the office bar (pressed while on). */
  largeText: string;
  counter: (n: number) => string;
  officerOnDuty: string;
  thankYou: string;
  thankYouMore: string;
  /** After a level below "hài lòng": the same warm thanks, acknowledging the feedback. */
  thankYouFeedback: string;
  reasonsTitle: string;
  reasonsHint: string;
  sendReasons: string;
  skipReasons: string;
  outOfService: string;
  /** [the tap just made was not stored, ask the staff]: the first only after a failed tap. */
  outOfServiceLines: [string, string];
  /** The backend does not answer (yet): the page keeps trying by itself. */
  reconnecting: string;
  /** The host no longer accepts this page (its address changed): staff must open the new one. */
  addressChanged: string;
  /** For IT, under the notice when the backend named the outage (OUT_OF_SERVICE). */
  incidentCode: (code: string) => string;
  level: (level: RatingLevel) => string;
  reason: (reason: Reason) => string;
  /** Opening hours (issue 15): the screen outside them, and the attract screen within them. */
  hours: HoursText;
}

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

export const citizenText: Record<Language, CitizenText> = {
  vi: {
    switchLabel: 'Tiếng Việt',
    question: 'Ông/Bà có hài lòng với sự phục vụ của cán bộ hôm nay không?',
    hint: 'Xin chạm vào một ô bên dưới',
    largeText: 'Chữ lớn',
    counter: (n) => `Quầy số ${n}`,
    officerOnDuty: 'Cán bộ tiếp nhận:',
    thankYou: 'Cảm ơn Ông/Bà đã đánh giá!',
    thankYouMore: 'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.',
    thankYouFeedback: 'Cảm ơn Ông/Bà đã góp ý, chúng tôi sẽ cải thiện.',
    reasonsTitle: 'Điều gì làm Ông/Bà chưa hài lòng?',
    reasonsHint: 'Đánh giá của Ông/Bà đã được ghi nhận. Xin chọn một hoặc nhiều lý do (không bắt buộc).',
    sendReasons: 'Gửi lý do',
    skipReasons: 'Bỏ qua',
    outOfService: 'Máy đánh giá tạm ngừng phục vụ',
    outOfServiceLines: ['Xin lỗi Ông/Bà, đánh giá vừa rồi chưa được ghi nhận.', 'Vui lòng báo cán bộ tại quầy. Xin cảm ơn!'],
    reconnecting: 'Máy đang kết nối lại, xin Ông/Bà vui lòng chờ trong giây lát.',
    addressChanged: 'Cán bộ CNTT: địa chỉ của máy đã đổi, hãy mở lại trang theo địa chỉ mới.',
    incidentCode: (code) => `Mã sự cố: ${code}`,
    level: (level) => level.label,
    reason: (reason) => reason.label,
    hours: {
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
  },
  en: {
    switchLabel: 'English',
    question: 'Are you satisfied with the service you received today?',
    hint: 'Please touch one of the boxes below',
    largeText: 'Larger text',
    counter: (n) => `Counter ${n}`,
    officerOnDuty: 'Serving officer:',
    thankYou: 'Thank you for your rating!',
    thankYouMore: 'Your opinion helps us serve you better.',
    thankYouFeedback: 'Thank you for your feedback; we will improve.',
    reasonsTitle: 'What were you not satisfied with?',
    reasonsHint: 'Your rating has been recorded. Please choose one or more reasons (optional).',
    sendReasons: 'Send',
    skipReasons: 'Skip',
    outOfService: 'This rating device is out of service',
    outOfServiceLines: ['Sorry, your rating was not recorded.', 'Please tell the officer at the counter. Thank you!'],
    reconnecting: 'The device is reconnecting, please wait a moment.',
    addressChanged: "IT staff: the device's address changed; open the page again at the new address.",
    incidentCode: (code) => `Incident code: ${code}`,
    level: (level) => level.labelEn,
    reason: (reason) => reason.labelEn ?? reason.label,
    hours: {
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
  },
};
