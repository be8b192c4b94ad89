// The five factors of the national satisfaction survey (SIPAS, Chỉ số hài lòng về sự phục vụ
// hành chính) that the dashboard and reports group reasons by, and the factor of each usual
// reason code: the one place for both. Their names are in survey-factor-names.ts, which only
// the staff screens and the backend load (this module is part of the citizen screen's entry).
import { z } from 'zod';

export const surveyFactors = ['access', 'procedure', 'officer', 'result', 'feedback'] as const;
export const surveyFactorSchema = z.enum(surveyFactors, { error: 'Nhóm tiêu chí không hợp lệ' });
export type SurveyFactor = z.infer<typeof surveyFactorSchema>;

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
