// The `dossier` kiosk setting (issue 15): how the kiosk takes a dossier code (mã hồ sơ). One
// schema for the stored settings, the setup screen, the provisioning file and the office
// settings file; the rule itself is zod-free in dossier-code-format.ts (the citizen screen uses it).
import { z } from 'zod';
import { dossierFormatIds, dossierPatternProblem, DOSSIER_PATTERN_MAX_LENGTH, type DossierRule } from './dossier-code-format';

export const dossierSettingsSchema = z
  .object({
    capture: z.boolean({ error: 'Nhận mã hồ sơ phải là bật hoặc tắt' }),
    format: z.enum(dossierFormatIds, { error: 'Định dạng mã hồ sơ không hợp lệ' }),
    customPattern: z.string().max(DOSSIER_PATTERN_MAX_LENGTH, `Mẫu mã hồ sơ tối đa ${DOSSIER_PATTERN_MAX_LENGTH} ký tự`).nullable(),
    onePerDossier: z.boolean({ error: 'Mỗi hồ sơ một đánh giá phải là bật hoặc tắt' }),
    required: z.boolean({ error: 'Bắt buộc mã hồ sơ phải là bật hoặc tắt' }),
    allowNoCode: z.boolean({ error: '“Không có mã hồ sơ” phải là bật hoặc tắt' }),
  })
  .superRefine((s, ctx) => {
    if (s.format === 'custom') {
      const problem = dossierPatternProblem(s.customPattern ?? '');
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['customPattern'], message: problem });
    }
    if (s.required && !s.capture) ctx.addIssue({ code: 'custom', path: ['required'], message: 'Bắt buộc mã hồ sơ cần bật nhận mã hồ sơ' });
  }) satisfies z.ZodType<DossierRule>;
export type DossierSettings = z.infer<typeof dossierSettingsSchema>;

/**
 * Nothing changes for a kiosk that had no such setting: a code may be given (the keypad button,
 * a scan), none is required, and a dossier may be rated more than once. `loose`: a province's own
 * receipt codes are not refused until IT picks the stricter national preset.
 */
export const defaultDossierSettings: DossierSettings = {
  capture: true,
  format: 'loose',
  customPattern: null,
  onePerDossier: false,
  required: false,
  allowNoCode: true,
};
