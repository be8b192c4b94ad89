// What the citizen's screen offers besides the rating buttons (issue 5): the languages it can
// be read in, and the reasons it asks for after a negative rating. Both are device settings,
// set on the setup screen or by a provisioning file, validated with these schemas.
import { z } from 'zod';
import { usualReportPathOf } from './report-path';
import { surveyFactorSchema, usualFactorOf } from './survey-factors';
import { refuseRepeatedCodes } from './unique-codes';

/** Vietnamese is always offered and is the default; English is the second language (DOMAIN.md). */
export const languages = ['vi', 'en'] as const;
export const languageSchema = z.enum(languages, { error: 'Ngôn ngữ chỉ có thể là vi hoặc en' });
export type Language = z.infer<typeof languageSchema>;

export const languageListSchema = z
  .array(languageSchema)
  .min(1, 'Phải có tiếng Việt')
  .refine((list) => list[0] === 'vi', 'Tiếng Việt luôn có và đứng đầu')
  .refine((list) => new Set(list).size === list.length, 'Ngôn ngữ bị trùng');

export const languageNames: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/** One reason a citizen can pick after a negative rating ("lý do không hài lòng"). */
export const reasonSchema = z
  .object({
    /** Counted by code in reports, so a relabelled reason keeps its history. */
    code: z.string().trim().regex(/^[A-Z0-9_-]{1,32}$/, 'Mã lý do: chữ in hoa không dấu, số, - hoặc _ (tối đa 32 ký tự)'),
    label: z.string().trim().min(1, 'Nội dung lý do không được để trống').max(120, 'Nội dung lý do tối đa 120 ký tự'),
    /** Shown when the citizen chose English; null falls back to the Vietnamese label. */
    labelEn: z.string().trim().max(120, 'Nội dung tiếng Anh tối đa 120 ký tự').nullable(),
    /**
     * Optional: left out keeps the meaning settings and files had before factors existed — the
     * usual factor of the code (usualFactorOf). null: outside the five factors.
     */
    factor: surveyFactorSchema.nullable().optional(),
    /**
     * On the report path (issue 15): after it, the screen shows where to report and the rating's
     * reference code. Optional: left out, the code's usual value (usualReportPathOf: PHIEN-HA).
     */
    reportPath: z.boolean({ error: 'Hướng dẫn phản ánh phải là bật hoặc tắt' }).optional(),
  })
  .transform((r) => ({
    ...r,
    factor: r.factor === undefined ? usualFactorOf(r.code) : r.factor,
    reportPath: r.reportPath ?? usualReportPathOf(r.code),
  }));
export type Reason = z.infer<typeof reasonSchema>;
/** As written in a file or form: the factor may be left out. */
export type ReasonInput = z.input<typeof reasonSchema>;

/** An empty list turns the question off: the thank-you comes straight after every rating. */
export const reasonListSchema = z
  .array(reasonSchema)
  .max(12, 'Tối đa 12 lý do (một màn hình cảm ứng)')
  .superRefine(refuseRepeatedCodes((code) => `Mã lý do bị trùng: ${code}`));
