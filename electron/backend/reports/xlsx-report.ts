// The Excel report: a summary sheet (per level, officer, service area, survey factor, day) and a raw sheet
// (one row per rating). Numbers are numbers, shares are numbers with a % format, dates are
// real Excel dates, so officials can sum, sort and chart them.
// Types only at load: exceljs is big, and the kiosk must start fast after a power cut.
import type ExcelJS from 'exceljs';
import type { Tallies } from '../../../shared/tallies';
import { rawHeaders, SUSPECTED_HEADER, type RawRating } from './report-rows';
import type { DaySummary, Summary } from './tallies';

export const SUMMARY_SHEET = 'Tổng hợp';
export const RAW_SHEET = 'Dữ liệu gốc';

const PERCENT = '0.0%';
const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm:ss';
const NOT_ENOUGH_DATA = 'Chưa đủ dữ liệu';
export const SUSPECTED_ROW = 'Đánh giá nghi ngờ';

/**
 * Excel dates have no time zone: a cell shows the wall-clock time it was given. So a local
 * time '2026-11-23T09:15' becomes the Date whose UTC reading is 09:15 (exceljs writes UTC).
 */
export const excelDate = (localDateTime: string): Date => new Date(`${localDateTime.length === 10 ? `${localDateTime}T00:00:00.000` : localDateTime}Z`);

export interface ReportHeading {
  officeName: string;
  counterNumber: number;
  /** Local wall time of the export, 'YYYY-MM-DDTHH:mm:ss.SSS'. */
  exportedAt: string;
}

function section(sheet: ExcelJS.Worksheet, title: string, headers: string[]): void {
  sheet.addRow([]);
  sheet.addRow([title]).font = { bold: true, size: 12 };
  sheet.addRow(headers).font = { bold: true };
}

/** A rate the backend withheld (the minimum-ratings rule of tallies.ts) is written out, never left blank. */
const withheld = (s: Summary & { satisfactionRate: number | null }): number | string =>
  s.satisfactionRate ?? (s.total > 0 ? NOT_ENOUGH_DATA : '');

function summaryRow(sheet: ExcelJS.Worksheet, label: string | Date, s: Summary, shownRate: number | null | string): void {
  const row = sheet.addRow([label, s.total, s.satisfied, shownRate ?? '']);
  if (label instanceof Date) row.getCell(1).numFmt = DATE;
  row.getCell(4).numFmt = PERCENT;
}

export async function ratingsWorkbook(
  heading: ReportHeading,
  tallies: Tallies,
  days: readonly DaySummary[],
  ratings: Iterable<RawRating>,
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'Hài Lòng';
  book.created = excelDate(heading.exportedAt);

  const summary = book.addWorksheet(SUMMARY_SHEET);
  summary.columns = [{ width: 34 }, { width: 14 }, { width: 18 }, { width: 16 }, { width: 12 }];
  summary.addRow(['Báo cáo mức độ hài lòng của người dân']).font = { bold: true, size: 14 };
  summary.addRow(['Cơ quan', heading.officeName]);
  summary.addRow(['Quầy', heading.counterNumber]);
  for (const [label, value, format] of [
    ['Từ ngày', excelDate(tallies.range.from), DATE],
    ['Đến ngày', excelDate(tallies.range.to), DATE],
    ['Thời điểm xuất', excelDate(heading.exportedAt), DATE_TIME],
  ] as const) {
    summary.addRow([label, value]).getCell(2).numFmt = format;
  }
  summary.addRow(['Tổng số đánh giá', tallies.total]);
  summary.addRow(['Hài lòng trở lên', tallies.satisfied]);
  summary.addRow(['Tỉ lệ hài lòng', withheld(tallies)]).getCell(2).numFmt = PERCENT;
  // Suspected misuse (shared/rating-flags.ts) is always counted on its own line.
  summary.addRow([SUSPECTED_ROW, tallies.suspectedCount]);
  if (tallies.excludedFlaggedCount > 0) summary.addRow(['Đánh giá nghi ngờ không tính', tallies.excludedFlaggedCount]);
  if (tallies.includesFlagged) summary.addRow(['Đã tính cả đánh giá nghi ngờ', 'Có']);

  section(summary, 'Theo mức độ', ['Thang', 'Mức', 'Nhãn', 'Số lượt', 'Tỉ lệ']);
  for (const scale of tallies.byScale) {
    for (const level of scale.levels) {
      const row = summary.addRow([`${scale.levels.length} mức`, level.level, level.label, level.count, level.share ?? '']);
      row.getCell(5).numFmt = PERCENT;
    }
  }
  section(summary, 'Theo cán bộ', ['Cán bộ', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const o of tallies.byOfficer) summaryRow(summary, o.name, o, o.satisfactionRate ?? NOT_ENOUGH_DATA);
  section(summary, 'Theo lĩnh vực', ['Lĩnh vực', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const a of tallies.byServiceArea) summaryRow(summary, a.name, a, withheld(a));
  if (tallies.byFactor.length > 0) {
    section(summary, 'Theo nhóm tiêu chí', ['Nhóm tiêu chí (lý do chưa hài lòng)', 'Số lượt chọn', 'Tỉ lệ']);
    for (const f of tallies.byFactor) summary.addRow([f.name, f.count, f.share ?? '']).getCell(3).numFmt = PERCENT;
  }
  section(summary, 'Theo ngày', ['Ngày', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const d of days) summaryRow(summary, excelDate(d.day), d, withheld(d));

  const raw = book.addWorksheet(RAW_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  raw.columns = [
    { width: 20, style: { numFmt: DATE_TIME } },
    { width: 12, style: { numFmt: DATE } },
    { width: 8 },
    { width: 6 },
    { width: 20 },
    { width: 26 },
    { width: 26 },
    { width: 16 },
    { width: 40 },
    { width: 40 },
    ...(tallies.includesFlagged ? [{ width: 40 }] : []),
  ];
  raw.addRow([...rawHeaders, ...(tallies.includesFlagged ? [SUSPECTED_HEADER] : [])]).font = { bold: true };
  for (const r of ratings) {
    // An empty cell, not an empty string: filters and COUNTA treat them differently.
    const text = (value: string) => (value === '' ? null : value);
    const suspected = tallies.includesFlagged ? [text(r.suspected)] : [];
    raw.addRow([excelDate(r.localDateTime), excelDate(r.day), r.scale, r.level, r.label, r.officer, r.serviceArea, text(r.dossierCode), text(r.reasons), text(r.factors), ...suspected]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
