// What the citizen's screen offers besides the rating buttons (issue 5): the languages it can
// be read in, and the reasons it asks for after a negative rating. Both are device settings,
// set on the setup screen or by a provisioning file, validated with these schemas.
import { z } from 'zod';
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

/**
 * The five factors of the national satisfaction survey (SIPAS, Chỉ số hài lòng về sự phục vụ
 * hành chính) that reports group reasons by. The one place for their names and for the factor
 * of each usual reason code.
 */
export const surveyFactors = ['access', 'procedure', 'officer', 'result', 'feedback'] as const;
export const surveyFactorSchema = z.enum(surveyFactors, { error: 'Nhóm tiêu chí không hợp lệ' });
export type SurveyFactor = z.infer<typeof surveyFactorSchema>;

export const surveyFactorNames: Record<SurveyFactor, string> = {
  access: 'Tiếp cận dịch vụ',
  procedure: 'Thủ tục hành chính',
  officer: 'Công chức giải quyết công việc',
  result: 'Kết quả giải quyết công việc',
  feedback: 'Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị',
};
/** A reason outside the five ("Lý do khác", or a code IT has not placed). */
export const NO_FACTOR_NAME = 'Chưa xếp nhóm tiêu chí';

/** The factor of each usual reason code; a code not listed has none until IT chooses one. */
const usualFactors: Readonly<Record<string, SurveyFactor>> = {
  'THAI-DO': 'officer',
  'HUONG-DAN': 'officer',
  'PHIEN-HA': 'officer',
  'DI-LAI': 'procedure',
  'CHO-LAU': 'access',
  'CO-SO': 'access',
  'TRE-HEN': 'result',
};

/** The factor a reason has when its settings or provisioning file leave it out. */
export const usualFactorOf = (code: string): SurveyFactor | null => usualFactors[code] ?? null;

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
  })
  .transform((r) => ({ ...r, factor: r.factor === undefined ? usualFactorOf(r.code) : r.factor }));
export type Reason = z.infer<typeof reasonSchema>;
/** As written in a file or form: the factor may be left out. */
export type ReasonInput = z.input<typeof reasonSchema>;

/** The factor a counted reason code belongs to: as the office's list says, else the usual one. */
export function factorOfCode(code: string, reasons: readonly ReasonInput[]): SurveyFactor | null {
  const configured = reasons.find((r) => r.code === code);
  return configured?.factor === undefined ? usualFactorOf(code) : configured.factor;
}

/** An empty list turns the question off: the thank-you comes straight after every rating. */
export const reasonListSchema = z
  .array(reasonSchema)
  .max(12, 'Tối đa 12 lý do (một màn hình cảm ứng)')
  .superRefine(refuseRepeatedCodes((code) => `Mã lý do bị trùng: ${code}`));

/** The reasons Vietnamese vendors' counter tablets ask (DOMAIN.md). */
export const defaultReasons: Reason[] = [
  { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', labelEn: 'Unfriendly officer', factor: usualFactorOf('THAI-DO') },
  { code: 'HUONG-DAN', label: 'Hướng dẫn chưa rõ ràng', labelEn: 'Unclear guidance', factor: usualFactorOf('HUONG-DAN') },
  { code: 'DI-LAI', label: 'Phải đi lại, bổ sung hồ sơ nhiều lần', labelEn: 'Had to come back or add papers many times', factor: usualFactorOf('DI-LAI') },
  { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: usualFactorOf('CHO-LAU') },
  { code: 'TRE-HEN', label: 'Trả kết quả trễ hẹn', labelEn: 'Result returned late', factor: usualFactorOf('TRE-HEN') },
  { code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu', labelEn: 'Harassment or request for favours', factor: usualFactorOf('PHIEN-HA') },
  { code: 'CO-SO', label: 'Cơ sở vật chất chưa tốt', labelEn: 'Poor facilities', factor: usualFactorOf('CO-SO') },
  { code: 'KHAC', label: 'Lý do khác', labelEn: 'Other', factor: usualFactorOf('KHAC') },
];
