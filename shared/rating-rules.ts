// The counting rules every figure of a rating shares — the kiosk's dashboard, its reports, and
// central's dashboard and reports (issue 16) — in one place, so a rate means the same wherever it
// is shown: which level is "satisfied", when a rate may be shown, how reason choices group into
// the national survey's factors.
import { scaleIds, scales, type ScaleId } from './scales';
import { NO_FACTOR_NAME, surveyFactorNames } from './survey-factor-names';
import { surveyFactors, type SurveyFactor } from './survey-factors';

/** The kiosk's and central's default minimum number of ratings before a rate that can single out one officer is shown. */
export const DEFAULT_OFFICER_MINIMUM_RATINGS = 5;

export const NO_OFFICER_NAME = 'Chưa đăng nhập ca';
export const NO_SERVICE_AREA_NAME = 'Chưa chọn lĩnh vực';

export const isScaleId = (scale: string): scale is ScaleId => (scaleIds as readonly string[]).includes(scale);

export function levelOf(scale: string, level: number) {
  return isScaleId(scale) ? scales[scale].find((l) => l.level === level) : undefined;
}

/** "Hài lòng" or better, on the scale the rating was given on. */
export const isSatisfied = (scale: string, level: number): boolean => levelOf(scale, level)?.satisfied === true;

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface Summary {
  total: number;
  satisfied: number;
}

/**
 * The one rule for every rate on the dashboard, the printed report and the Excel summary (issue
 * 14): a rate that can single out one officer — the officer's own row, or a period, day or
 * service area whose ratings came from one named officer — shows only from the section head's
 * minimum number of ratings (dashboard settings); below it null, "chưa đủ dữ liệu". Groups with
 * two or more officers, or none named (no shift open), show their rate at any count.
 */
export function rateWithMinimum(s: Summary, officers: number, minimum: number): number | null {
  return officers === 1 && s.total < minimum ? null : rate(s.satisfied, s.total);
}

export interface FactorRow {
  factor: SurveyFactor | null;
  name: string;
  count: number;
  share: number | null;
}

/**
 * Reason choices per factor, already summed: every factor in the survey's order, then the choices
 * outside them (factor null) when there are any; no rows when no reason was chosen.
 */
export function factorRows(byFactor: ReadonlyMap<SurveyFactor | null, number>): FactorRow[] {
  const all = [...byFactor.values()].reduce((sum, n) => sum + n, 0);
  if (all === 0) return [];
  const rows: FactorRow[] = surveyFactors.map((factor) => ({ factor, name: surveyFactorNames[factor], count: byFactor.get(factor) ?? 0, share: rate(byFactor.get(factor) ?? 0, all) }));
  const outside = byFactor.get(null) ?? 0;
  return outside > 0 ? [...rows, { factor: null, name: NO_FACTOR_NAME, count: outside, share: rate(outside, all) }] : rows;
}
