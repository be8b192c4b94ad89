// The printable report's words (issue 16): a month, a quarter or a year. Staff-facing: Vietnamese
// only. Zod-free.
import type { ReportPeriod } from '../../../shared/central-dashboard';

export const reportPeriodText: Record<ReportPeriod, string> = { month: 'Tháng', quarter: 'Quý', year: 'Năm' };

const quarterNumerals = ['I', 'II', 'III', 'IV'];
/** "tháng 11/2026", "quý IV/2026", "năm 2026" for the month, quarter or year holding `month` (YYYY-MM). */
export function periodName(month: string, period: ReportPeriod): string {
  const [year, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  if (period === 'year') return `năm ${year}`;
  if (period === 'quarter') return `quý ${quarterNumerals[Math.floor((m - 1) / 3)] ?? ''}/${year}`;
  return `tháng ${month.slice(5, 7)}/${year}`;
}

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

export const printText = {
  open: 'Xem bản in',
  title: 'Bản in báo cáo',
  print: 'In',
  back: 'Quay lại',
  hint: 'Mỗi đơn vị in trên một trang A4.',
  below: 'Ngưỡng tỉ lệ (%)',
  /** "2026-11" → "Báo cáo mức độ hài lòng tháng 11/2026" (quarter: "quý IV/2026", year: "năm 2026"). */
  reportOf: (month: string, period: ReportPeriod = 'month') => `Báo cáo mức độ hài lòng ${periodName(month, period)}`,
  period: 'Kỳ báo cáo',
  quarter: 'Quý',
  year: 'Năm',
  belowTitle: (below: number) => `Đơn vị có tỉ lệ hài lòng dưới ${percent.format(below)}`,
  noneBelow: 'Không có đơn vị nào dưới ngưỡng.',
  failed: 'Không tải được số liệu của báo cáo. Vui lòng thử lại.',
} as const;
