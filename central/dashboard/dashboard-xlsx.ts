// The monthly (quarterly, yearly) report as .xlsx (issue 16), for a unit or the province, ready to
// send to the district committee. House style of the kiosk's report (electron/backend/reports/
// xlsx-report.ts): Vietnamese headers, numbers as numbers, shares as numbers with a % format, a
// withheld rate written out ("Chưa đủ dữ liệu"), never left blank. One sheet, "Tổng hợp".
import ExcelJS from 'exceljs';
import type { DashboardFigures } from '../../shared/central-dashboard';

export const REPORT_SHEET = 'Tổng hợp';
const PERCENT = '0.0%';
const DATE = 'dd/mm/yyyy';
const NOT_ENOUGH_DATA = 'Chưa đủ dữ liệu';
export const PERIOD_NAMES = { month: 'tháng', quarter: 'quý', year: 'năm' } as const;

/** Excel dates have no zone: a local day becomes the Date whose UTC reading is that day (exceljs writes UTC). */
const excelDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

interface Counted {
  total: number;
  satisfied: number;
  satisfactionRate: number | null;
}
const shownRate = (s: Counted): number | string => s.satisfactionRate ?? (s.total > 0 ? NOT_ENOUGH_DATA : '');

export interface ReportOptions {
  period: keyof typeof PERIOD_NAMES;
  /** Units under this rate are listed in "Đơn vị dưới ngưỡng". */
  below: number;
  /** When the report was made, shown as written (local wall time of central). */
  madeAt: Date;
}

export async function dashboardWorkbook(figures: DashboardFigures, options: ReportOptions): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Hài Lòng — máy chủ trung tâm';
  book.created = options.madeAt;
  const sheet = book.addWorksheet(REPORT_SHEET);
  sheet.columns = [{ width: 40 }, { width: 14 }, { width: 18 }, { width: 16 }, { width: 12 }];
  const section = (title: string, headers: string[]) => {
    sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true, size: 12 };
    sheet.addRow(headers).font = { bold: true };
  };
  const countedRow = (label: string, s: Counted) => {
    sheet.addRow([label, s.total, s.satisfied, shownRate(s)]).getCell(4).numFmt = PERCENT;
  };

  sheet.addRow([`Báo cáo mức độ hài lòng của người dân — ${PERIOD_NAMES[options.period]}`]).font = { bold: true, size: 14 };
  sheet.addRow(['Đơn vị', figures.subject.name]);
  if (figures.subject.limitedToUnits !== null) sheet.addRow(['Trong phạm vi các đơn vị', figures.subject.limitedToUnits.join(', ')]);
  sheet.addRow(['Từ ngày', excelDay(figures.range.from)]).getCell(2).numFmt = DATE;
  sheet.addRow(['Đến ngày', excelDay(figures.range.to)]).getCell(2).numFmt = DATE;
  sheet.addRow(['Tổng số đánh giá', figures.total]);
  sheet.addRow(['Hài lòng trở lên', figures.satisfied]);
  sheet.addRow(['Tỉ lệ hài lòng', shownRate(figures)]).getCell(2).numFmt = PERCENT;
  // Suspected misuse (shared/rating-flags.ts) is always counted on its own line.
  sheet.addRow(['Đánh giá nghi ngờ', figures.suspectedCount]);
  if (figures.excludedFlaggedCount > 0) sheet.addRow(['Đánh giá nghi ngờ không tính', figures.excludedFlaggedCount]);
  sheet.addRow(['Số đánh giá tối thiểu để hiện tỉ lệ của một cán bộ', figures.officerMinimumRatings]);

  section('So với kỳ trước', ['Kỳ', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng', 'Chênh lệch']);
  countedRow(`Kỳ này (${figures.range.from} – ${figures.range.to})`, figures);
  const before = sheet.addRow([`Kỳ trước (${figures.previous.range.from} – ${figures.previous.range.to})`, figures.previous.total, figures.previous.satisfied, shownRate(figures.previous)]);
  before.getCell(4).numFmt = PERCENT;
  if (figures.satisfactionRate !== null && figures.previous.satisfactionRate !== null) {
    before.getCell(5).value = figures.satisfactionRate - figures.previous.satisfactionRate;
    before.getCell(5).numFmt = '+0.0%;-0.0%;0.0%';
  }

  section('Theo mức độ', ['Thang', 'Mức', 'Nhãn', 'Số lượt', 'Tỉ lệ']);
  for (const scale of figures.byScale) {
    for (const level of scale.levels) sheet.addRow([`${scale.levels.length} mức`, level.level, level.label, level.count, level.share ?? '']).getCell(5).numFmt = PERCENT;
  }
  section('Theo đơn vị (tỉ lệ thấp nhất trước)', ['Đơn vị', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const u of figures.units) countedRow(u.name, u);
  section('Theo bộ phận một cửa', ['Bộ phận', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const o of figures.offices) countedRow(o.name, o);
  section('Theo cán bộ', ['Cán bộ', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const o of figures.byOfficer) countedRow(o.name, o);
  section('Theo lĩnh vực', ['Lĩnh vực', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const a of figures.byServiceArea) countedRow(a.name, a);
  section('Lý do chưa hài lòng theo nhóm tiêu chí', ['Nhóm tiêu chí', 'Số lượt chọn', 'Tỉ lệ']);
  for (const f of figures.byFactor) sheet.addRow([f.name, f.count, f.share ?? '']).getCell(3).numFmt = PERCENT;
  section('Theo ngày', ['Ngày', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const d of figures.byDay) {
    const row = sheet.addRow([excelDay(d.day), d.total, d.satisfied, shownRate(d)]);
    row.getCell(1).numFmt = DATE;
    row.getCell(4).numFmt = PERCENT;
  }
  section(`Đơn vị dưới ngưỡng ${Math.round(options.below * 1000) / 10}%`, ['Đơn vị', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
  for (const u of figures.units.filter((x) => x.satisfactionRate !== null && x.satisfactionRate < options.below)) countedRow(u.name, u);
  return Buffer.from(await book.xlsx.writeBuffer());
}
