// How the survey's factors (survey-factors.ts) read on the dashboard, the setup screen and in
// reports, and which factor a counted reason code belongs to.
import type { ReasonInput } from './citizen-options';
import { usualFactorOf, type SurveyFactor } from './survey-factors';

export const surveyFactorNames: Record<SurveyFactor, string> = {
  access: 'Tiếp cận dịch vụ',
  procedure: 'Thủ tục hành chính',
  officer: 'Công chức giải quyết công việc',
  result: 'Kết quả giải quyết công việc',
  feedback: 'Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị',
};
/** A reason outside the five ("Lý do khác", or a code IT has not placed). */
export const NO_FACTOR_NAME = 'Chưa xếp nhóm tiêu chí';

/** The factor a counted reason code belongs to: as the office's list says, else the usual one. */
export function factorOfCode(code: string, reasons: readonly Pick<ReasonInput, 'code' | 'factor'>[]): SurveyFactor | null {
  const configured = reasons.find((r) => r.code === code);
  return configured?.factor === undefined ? usualFactorOf(code) : configured.factor;
}
