// Everything the citizen reads, in each language the kiosk can offer (DOMAIN.md: Vietnamese by
// default, English second). Staff and IT screens stay Vietnamese: their users are officials.
import type { Language, Reason } from '../../../shared/citizen-options';
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
  },
};
