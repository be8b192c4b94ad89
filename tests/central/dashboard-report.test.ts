// Issue 16, the monthly (quarterly, yearly) report as .xlsx (SQLite and PostgreSQL): downloaded
// through GET /api/v1/reports/monthly.xlsx and written by `npm run central -- report`, read back
// with exceljs: Vietnamese headers, numbers as numbers, rates as numbers with a % format, a
// withheld rate written out, the comparison with the previous period and the units below a rate.
// The figures are the hand count of dashboard-figures.test.ts (tests/support/dashboard-seed.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Excel from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { ADMIN_PASSWORD, startAccountsCentral, TestBrowser, VIEWER_PASSWORD, errorCode } from '../support/account-fixture';
import { manualClock, storeFactories, tempDir } from '../support/central-fixture';
import { runCentral } from '../support/cli-runners';
import { seedProvince, VIEWER } from '../support/dashboard-seed';

type Cell = Excel.CellValue;

async function sheetOf(bytes: Uint8Array): Promise<Excel.Worksheet> {
  const book = new Excel.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = book.getWorksheet('Tổng hợp');
  if (sheet === undefined) throw new Error('no "Tổng hợp" sheet');
  return sheet;
}

const values = (row: Excel.Row): Cell[] => (row.values as Cell[]).slice(1);
/** The row whose first cell is `label` (the first one, or the first after the row titled `after`). */
function rowOf(sheet: Excel.Worksheet, label: string, after?: string): Excel.Row {
  let from = 1;
  if (after !== undefined) from = rowOf(sheet, after).number + 1;
  for (let n = from; n <= sheet.rowCount; n++) if (sheet.getRow(n).getCell(1).value === label) return sheet.getRow(n);
  throw new Error(`no row "${label}"${after === undefined ? '' : ` after "${after}"`}`);
}
/** The data rows of a section: from after its header row to the next empty row. */
function sectionRows(sheet: Excel.Worksheet, title: string): Cell[][] {
  const rows: Cell[][] = [];
  for (let n = rowOf(sheet, title).number + 2; n <= sheet.rowCount && sheet.getRow(n).hasValues; n++) rows.push(values(sheet.getRow(n)));
  return rows;
}

describe.each(storeFactories)('the report as .xlsx ($storage)', (factory) => {
  it('the province for November: headers, numbers as numbers, rates as % cells, comparison, units below the rate', async () => {
    const clock = manualClock('2026-12-01T02:00:00.000Z');
    const store = await factory.open({ now: clock.now });
    const central = await startAccountsCentral(store, clock.now);
    await seedProvince(store, central.url);
    const admin = new TestBrowser(central.url);
    await admin.signIn('admin', ADMIN_PASSWORD);

    const response = await fetch(`${central.url}/api/v1/reports/monthly.xlsx?month=2026-11&below=0.5`, { headers: { cookie: admin.cookie ?? '', origin: central.url } });
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition')]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'attachment; filename="bao-cao-month-2026-11-toan-tinh.xlsx"',
    ]);
    const sheet = await sheetOf(new Uint8Array(await response.arrayBuffer()));

    expect(sheet.getCell('A1').value).toBe('Báo cáo mức độ hài lòng của người dân — tháng');
    expect(values(rowOf(sheet, 'Đơn vị'))).toEqual(['Đơn vị', 'Toàn tỉnh']);
    expect(values(rowOf(sheet, 'Từ ngày'))).toEqual(['Từ ngày', new Date('2026-11-01T00:00:00.000Z')]);
    expect(values(rowOf(sheet, 'Đến ngày'))).toEqual(['Đến ngày', new Date('2026-11-30T00:00:00.000Z')]);
    expect(values(rowOf(sheet, 'Tổng số đánh giá'))).toEqual(['Tổng số đánh giá', 15]);
    expect(values(rowOf(sheet, 'Hài lòng trở lên'))).toEqual(['Hài lòng trở lên', 9]);
    const rateRow = rowOf(sheet, 'Tỉ lệ hài lòng');
    expect([rateRow.getCell(2).value, rateRow.getCell(2).numFmt]).toEqual([0.6, '0.0%']);
    expect(values(rowOf(sheet, 'Đánh giá nghi ngờ'))).toEqual(['Đánh giá nghi ngờ', 2]);
    expect(values(rowOf(sheet, 'Đánh giá nghi ngờ không tính'))).toEqual(['Đánh giá nghi ngờ không tính', 2]);

    expect(values(sheet.getRow(rowOf(sheet, 'Theo mức độ').number + 1))).toEqual(['Thang', 'Mức', 'Nhãn', 'Số lượt', 'Tỉ lệ']);
    expect(sectionRows(sheet, 'Theo mức độ')).toEqual([
      ['3 mức', 1, 'Rất hài lòng', 5, 5 / 15],
      ['3 mức', 2, 'Hài lòng', 4, 4 / 15],
      ['3 mức', 3, 'Không hài lòng', 6, 6 / 15],
    ]);
    // The previous 30 days: B1's two October ratings from one officer, under 5: written out, not blank.
    expect(sectionRows(sheet, 'So với kỳ trước')).toEqual([
      ['Kỳ này (2026-11-01 – 2026-11-30)', 15, 9, 0.6],
      ['Kỳ trước (2026-10-01 – 2026-10-31)', 2, 2, 'Chưa đủ dữ liệu'],
    ]);
    expect(sectionRows(sheet, 'Theo đơn vị (tỉ lệ thấp nhất trước)')).toEqual([
      ['Huyện Nam Đông', 5, 2, 0.4],
      ['Huyện Phú Lộc', 10, 7, 0.7],
    ]);
    expect(sectionRows(sheet, 'Theo cán bộ')).toEqual([
      ['Lê Thị Lan', 5, 2, 0.4],
      ['Nguyễn Thị Hoa', 6, 4, 4 / 6],
      ['Trần Văn Bình', 3, 2, 'Chưa đủ dữ liệu'],
      ['Chưa đăng nhập ca', 1, 1, 'Chưa đủ dữ liệu'],
    ]);
    expect(sectionRows(sheet, 'Theo lĩnh vực')).toEqual([
      ['Đất đai', 3, 2, 'Chưa đủ dữ liệu'],
      ['Hộ tịch', 11, 6, 6 / 11],
      ['Chưa chọn lĩnh vực', 1, 1, 1],
    ]);
    expect(sectionRows(sheet, 'Lý do chưa hài lòng theo nhóm tiêu chí')).toEqual([
      ['Tiếp cận dịch vụ', 2, 0.5],
      ['Thủ tục hành chính', 0, 0],
      ['Công chức giải quyết công việc', 2, 0.5],
      ['Kết quả giải quyết công việc', 0, 0],
      ['Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị', 0, 0],
    ]);
    // Every day of the month as a real date; 3 November: A1's two ratings from Hoa alone, under 5.
    const days = sectionRows(sheet, 'Theo ngày');
    expect([days.length, days[0]?.[0], days[2]]).toEqual([30, new Date('2026-11-01T00:00:00.000Z'), [new Date('2026-11-03T00:00:00.000Z'), 2, 2, 'Chưa đủ dữ liệu']]);
    expect(sectionRows(sheet, 'Đơn vị dưới ngưỡng 50%')).toEqual([['Huyện Nam Đông', 5, 2, 0.4]]);
    // Every rate cell is a number with the percent format.
    expect(rowOf(sheet, 'Huyện Nam Đông').getCell(4).numFmt).toBe('0.0%');

    // A unit viewer gets their own unit's report; the quarter holding November is October to December.
    const viewer = new TestBrowser(central.url);
    await viewer.signIn(VIEWER, VIEWER_PASSWORD);
    const quarter = await fetch(`${central.url}/api/v1/reports/monthly.xlsx?month=2026-11&period=quarter&unit=D1`, { headers: { cookie: viewer.cookie ?? '' } });
    expect(quarter.status).toBe(200);
    const q = await sheetOf(new Uint8Array(await quarter.arrayBuffer()));
    // D1 over the quarter: A1's 6 counted, A2's 5 (1 December's too).
    expect([q.getCell('A1').value, values(rowOf(q, 'Đơn vị'))[1], values(rowOf(q, 'Đến ngày'))[1], values(rowOf(q, 'Tổng số đánh giá'))[1]]).toEqual([
      'Báo cáo mức độ hài lòng của người dân — quý',
      'Huyện Phú Lộc',
      new Date('2026-12-31T00:00:00.000Z'),
      11,
    ]);
    const bad = await viewer.request('GET', '/api/v1/reports/monthly.xlsx?month=2026-13');
    expect([bad.status, errorCode(bad), JSON.stringify(bad.body)]).toEqual([400, 'INVALID_QUERY', expect.stringContaining('YYYY-MM')]);
  });
});

describe('npm run central -- report', () => {
  it('writes the same report for a unit to a file and prints REPORT_FILE; refuses bad arguments in Vietnamese', async () => {
    const dir = tempDir();
    const clock = manualClock('2026-12-01T02:00:00.000Z');
    const store = openSqliteCentralStore(dir, { now: clock.now });
    const central = await startAccountsCentral(store, clock.now);
    await seedProvince(store, central.url);
    await central.close();
    await store.close();

    const out = join(dir, 'bao-cao.xlsx');
    const result = await runCentral(dir, 'report', '--month', '2026-11', '--unit', 'D2', '--out', out);
    expect([result.code, result.err, result.out.split('\n').filter((l) => l.startsWith('REPORT_FILE='))]).toEqual([0, '', [`REPORT_FILE=${out}`]]);
    const sheet = await sheetOf(readFileSync(out));
    expect([values(rowOf(sheet, 'Đơn vị'))[1], values(rowOf(sheet, 'Tổng số đánh giá'))[1], rowOf(sheet, 'Tỉ lệ hài lòng').getCell(2).value]).toEqual(['Huyện Nam Đông', 5, 0.4]);

    for (const [argv, words] of [
      [['report', '--month', '2026-11'], '--out'],
      [['report', '--month', 'tháng 11', '--out', out], 'YYYY-MM'],
      [['report', '--month', '2026-11', '--period', 'week', '--out', out], 'month, quarter hoặc year'],
      [['report', '--month', '2026-11', '--out', join(dir, 'x.csv')], '.xlsx'],
    ] as const) {
      const refused = await runCentral(dir, ...argv);
      expect([argv.join(' '), refused.code, refused.err]).toEqual([argv.join(' '), 2, expect.stringContaining(words)]);
    }
    const unknown = await runCentral(dir, 'report', '--month', '2026-11', '--unit', 'KHONG-CO', '--out', out);
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('Không có đơn vị này')]);
  });
});
