// The periods a printed report covers: one local day, or one month (up to today).
import { addDays, type DayRange } from '../../../shared/periods';
import { formatDay, formatRange } from '../dashboard/figures-format';

export type ReportKind = 'day' | 'month';

/** '2026-11' → 1–30 November 2026, cut at today for the current month. */
export function monthRange(month: string, today: string): DayRange {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const next = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  const last = addDays(next, -1);
  return { from: `${month}-01`, to: last < today ? last : today };
}

export function reportTitle(kind: ReportKind): string {
  return kind === 'day' ? 'BÁO CÁO NGÀY' : 'BÁO CÁO THÁNG';
}

export function reportPeriodLabel(kind: ReportKind, range: DayRange): string {
  if (kind === 'day') return `Ngày ${formatDay(range.from)}`;
  const [year, month] = range.from.split('-');
  return `Tháng ${month}/${year} (${formatRange(range)})`;
}

/** Matches the contract's file-name rule: letters, digits, dot, dash, underscore; ends in .pdf. */
export function reportFileName(kind: ReportKind, range: DayRange): string {
  return kind === 'day' ? `bao-cao-ngay-${range.from}.pdf` : `bao-cao-thang-${range.from.slice(0, 7)}.pdf`;
}
