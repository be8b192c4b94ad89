// Where a citizen can report harassment (issue 15, the report path): an office setting, shown
// on the citizen screen after a report-path reason, with the rating's reference code. Set on the
// setup screen, in a provisioning file and in the office settings file (all with this schema).
import { z } from 'zod';

const line = (name: string, max: number) => z.string().trim().min(1, `${name} không được để trống`).max(max, `${name} tối đa ${max} ký tự`);

export const reportContactSchema = z.strictObject({
  /**
   * The province's feedback line as dialled (e.g. "0236 1022" or "1900 1234"). null: none shown
   * — the kiosk never invents a number, so a new kiosk has none until the office sets it.
   */
  hotline: z
    .string()
    .trim()
    .regex(/^(?=(?:\D*\d){3})[0-9+ .()-]{3,24}$/, 'Đường dây nóng: ít nhất 3 chữ số; chỉ gồm số, dấu cách, dấu chấm, dấu gạch, dấu ngoặc, dấu + (tối đa 24 ký tự)')
    .nullable(),
  /** Where to send it in writing: an address or a portal and its section, in Vietnamese. */
  place: line('Nơi tiếp nhận phản ánh', 200),
  /** The same in English; null falls back to the Vietnamese line. */
  placeEn: line('Nơi tiếp nhận phản ánh (tiếng Anh)', 200).nullable(),
});
export type ReportContact = z.infer<typeof reportContactSchema>;

/**
 * The national public service portal takes feedback (phản ánh, kiến nghị) from every province,
 * so it is right for any office until it sets its own line; no phone number is guessed.
 */
export const defaultReportContact: ReportContact = {
  hotline: null,
  place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn, mục “Phản ánh, kiến nghị”',
  placeEn: 'National Public Service Portal — dichvucong.gov.vn, “Feedback and petitions” (Phản ánh, kiến nghị)',
};
