// One rating as the export shows it: the raw sheet of the .xlsx and each line of the CSV.
import type { Reason } from '../../../shared/citizen-options';
import { factorOfCode, NO_FACTOR_NAME, surveyFactorNames } from '../../../shared/survey-factor-names';
import { surveyFactors } from '../../../shared/survey-factors';
import type { ServiceArea } from '../../../shared/staff';
import { misuseLabels } from '../../../shared/rating-flags';
import { scales } from '../../../shared/scales';
import { isScaleId, levelOf, NO_OFFICER_NAME, NO_SERVICE_AREA_NAME } from './tallies';
import type { ReportRow } from './tallies-repo';

export const rawHeaders = ['Thời điểm', 'Ngày', 'Thang', 'Mức', 'Nhãn', 'Cán bộ', 'Lĩnh vực', 'Mã hồ sơ', 'Lý do', 'Nhóm tiêu chí'] as const;
/**
 * The last column of an export that includes suspected ratings: why each one is suspected
 * ('' for the others). A default export has none of them, so it has no such column.
 */
export const SUSPECTED_HEADER = 'Nghi ngờ';

export interface RawRating {
  /** The local date and time as written, e.g. '2026-11-23T09:15:02.123' (no offset). */
  localDateTime: string;
  day: string;
  scale: string;
  level: number;
  label: string;
  officer: string;
  serviceArea: string;
  dossierCode: string;
  reasons: string;
  /** The national survey's factors of those reasons, each once, in the survey's order. */
  factors: string;
  /** The Vietnamese reasons a rating is suspected misuse, '; '-joined; '' when it is not. */
  suspected: string;
}

/** 'vn-3' → '3 mức', as officials name their scales. */
const scaleName = (scale: string) => (isScaleId(scale) ? `${scales[scale].length} mức` : scale);

function factorsOf(codes: readonly string[], reasons: readonly Reason[]): string {
  const found = new Set(codes.map((code) => factorOfCode(code, reasons)));
  const names = surveyFactors.filter((f) => found.has(f)).map((f) => surveyFactorNames[f]);
  return [...names, ...(found.has(null) ? [NO_FACTOR_NAME] : [])].join('; ');
}

/** `reasons`: the office's reason list, which places each code in a factor (tallies.ts). */
export function toRawRating(row: ReportRow, areas: readonly ServiceArea[], reasons: readonly Reason[]): RawRating {
  return {
    // created_at is ISO with the kiosk's offset; its first 23 characters are the local wall time.
    localDateTime: row.created_at.slice(0, 23),
    day: row.local_day,
    scale: scaleName(row.scale),
    level: row.level,
    label: levelOf(row.scale, row.level)?.label ?? '',
    officer: row.officer_id === null ? NO_OFFICER_NAME : (row.officer_name ?? row.officer_id),
    serviceArea: row.service_code === null ? NO_SERVICE_AREA_NAME : (areas.find((a) => a.code === row.service_code)?.name ?? row.service_code),
    dossierCode: row.dossier_code ?? '',
    reasons: (JSON.parse(row.reasons) as string[]).join('; '),
    factors: factorsOf(JSON.parse(row.reason_codes) as string[], reasons),
    suspected: misuseLabels(JSON.parse(row.flags) as string[]),
  };
}
