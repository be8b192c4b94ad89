// Exports read back: the .xlsx with exceljs (headers, numbers as numbers, dates as dates),
// the CSV byte by byte (BOM, diacritics, RFC 4180 quoting).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { asciiSlug, reportFileName } from '../../electron/backend/reports/report-file-name';
import { csvField } from '../../electron/backend/reports/csv-report';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { insertOfficer } from '../../electron/backend/staff/officers-repo';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { must, seedRatings, sectionHeadSession, type CraftedRating } from '../support/staff-fixture';

const HOA = '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01';

async function exported(format: 'xlsx' | 'csv', includeFlagged = false, extra: CraftedRating[] = []) {
  const backend = openTestBackend({ dataDir: tempDataDir(), now: manualClock('2026-11-24T03:04:05.000Z').now });
  saveKioskSettings(backend.context.db, { officeName: 'Bộ phận Một cửa UBND xã Đông Hòa', counterNumber: 2 });
  insertOfficer(backend.context.db, { id: HOA, code: 'CB01', name: 'Nguyễn Thị Hoà', title: '', photoDataUrl: null, active: true }, '2026-11-01T00:00:00Z');
  seedRatings(backend, [
    { at: '2026-11-22T08:00:00.000+07:00', level: 1, officerId: HOA, serviceCode: 'HO-TICH', dossierCode: '000.00.12.H34-261122-0001' },
    { at: '2026-11-23T09:15:02.123+07:00', level: 3, officerId: HOA, serviceCode: 'DAT-DAI', reasons: ['Thời gian chờ lâu', 'Hướng dẫn chưa rõ ràng'] },
    { at: '2026-11-23T10:00:00.000+07:00', level: 2, dossierCode: 'HS "gấp", số 2\nghi chú' },
    { at: '2026-11-23T11:00:00.000+07:00', level: 3, flags: ['suspected_misuse'] },
    ...extra,
    { at: '2026-11-24T00:00:00.000+07:00', level: 1 }, // outside the range
  ]);
  sectionHeadSession(backend);
  return (await must(backend, 'exportReport', { range: { from: '2026-11-22', to: '2026-11-23' }, format, includeFlagged })) as {
    fileName: string;
    mimeType: string;
    base64: string;
  };
}

/** The row whose first cell is `label`, as plain values. */
function rowAfter(sheet: ExcelJS.Worksheet, label: string, offset = 0): ExcelJS.CellValue[] {
  let found = -1;
  sheet.eachRow((row, n) => {
    if (found === -1 && row.getCell(1).value === label) found = n;
  });
  expect(found, label).toBeGreaterThan(0);
  return (sheet.getRow(found + offset).values as ExcelJS.CellValue[]).slice(1);
}

describe('exportReport .xlsx', () => {
  it('has a summary sheet with numbers, percentages and real dates', async () => {
    const file = await exported('xlsx');
    expect(file.fileName).toBe('hai-long-bo-phan-mot-cua-ubnd-xa-dong-hoa-quay-2-2026-11-22_2026-11-23.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Dữ liệu gốc']);
    const summary = book.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;

    expect(rowAfter(summary, 'Cơ quan')).toEqual(['Cơ quan', 'Bộ phận Một cửa UBND xã Đông Hòa']);
    expect(rowAfter(summary, 'Từ ngày')).toEqual(['Từ ngày', new Date('2026-11-22T00:00:00Z')]);
    expect(rowAfter(summary, 'Thời điểm xuất')).toEqual(['Thời điểm xuất', new Date('2026-11-24T10:04:05.000Z')]);
    expect(rowAfter(summary, 'Tổng số đánh giá')).toEqual(['Tổng số đánh giá', 3]);
    // One named officer (Hoà) served the whole period with fewer than 5 ratings: every rate that
    // would single her out is withheld (issue 14), written out rather than left blank.
    expect(rowAfter(summary, 'Tỉ lệ hài lòng')).toEqual(['Tỉ lệ hài lòng', 'Chưa đủ dữ liệu']);
    expect(rowAfter(summary, 'Đánh giá nghi ngờ không tính')).toEqual(['Đánh giá nghi ngờ không tính', 1]);
    const rateRow = summary.getRow(summary.getColumn(1).values.indexOf('Tỉ lệ hài lòng'));
    expect(rateRow.getCell(2).numFmt).toBe('0.0%');

    expect(rowAfter(summary, 'Theo mức độ', 1)).toEqual(['Thang', 'Mức', 'Nhãn', 'Số lượt', 'Tỉ lệ']);
    expect(rowAfter(summary, 'Theo mức độ', 2)).toEqual(['3 mức', 1, 'Rất hài lòng', 1, 1 / 3]);
    expect(rowAfter(summary, 'Theo mức độ', 4)).toEqual(['3 mức', 3, 'Không hài lòng', 1, 1 / 3]);
    expect(rowAfter(summary, 'Theo cán bộ', 1)).toEqual(['Cán bộ', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
    expect(rowAfter(summary, 'Theo cán bộ', 2)).toEqual(['Nguyễn Thị Hoà', 2, 1, 'Chưa đủ dữ liệu']);
    expect(rowAfter(summary, 'Theo lĩnh vực', 2)).toEqual(['Hộ tịch', 1, 1, 'Chưa đủ dữ liệu']);
    // By hand: one reason chosen for each of access and officer, 2 choices.
    expect(rowAfter(summary, 'Theo nhóm tiêu chí', 1)).toEqual(['Nhóm tiêu chí (lý do chưa hài lòng)', 'Số lượt chọn', 'Tỉ lệ']);
    expect(rowAfter(summary, 'Theo nhóm tiêu chí', 2)).toEqual(['Tiếp cận dịch vụ', 1, 0.5]);
    expect(rowAfter(summary, 'Theo nhóm tiêu chí', 3)).toEqual(['Thủ tục hành chính', 0, 0]);
    expect(rowAfter(summary, 'Theo nhóm tiêu chí', 4)).toEqual(['Công chức giải quyết công việc', 1, 0.5]);
    expect(rowAfter(summary, 'Theo nhóm tiêu chí', 6)).toEqual(['Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị', 0, 0]);
    expect(rowAfter(summary, 'Theo ngày', 1)).toEqual(['Ngày', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
    expect(rowAfter(summary, 'Theo ngày', 2)).toEqual([new Date('2026-11-22T00:00:00Z'), 1, 1, 'Chưa đủ dữ liệu']);
    expect(rowAfter(summary, 'Theo ngày', 3)).toEqual([new Date('2026-11-23T00:00:00Z'), 2, 1, 'Chưa đủ dữ liệu']);
  });

  it('has a raw sheet, one row per rating, the time as a date cell showing the local time', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await exported('xlsx')).base64, 'base64') as unknown as ArrayBuffer);
    const raw = book.getWorksheet('Dữ liệu gốc') as ExcelJS.Worksheet;
    const rows = raw.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows).toEqual([
      ['Thời điểm', 'Ngày', 'Thang', 'Mức', 'Nhãn', 'Cán bộ', 'Lĩnh vực', 'Mã hồ sơ', 'Lý do', 'Nhóm tiêu chí'],
      [new Date('2026-11-22T08:00:00.000Z'), new Date('2026-11-22T00:00:00Z'), '3 mức', 1, 'Rất hài lòng', 'Nguyễn Thị Hoà', 'Hộ tịch', '000.00.12.H34-261122-0001'],
      [new Date('2026-11-23T09:15:02.123Z'), new Date('2026-11-23T00:00:00Z'), '3 mức', 3, 'Không hài lòng', 'Nguyễn Thị Hoà', 'Đất đai', undefined, 'Thời gian chờ lâu; Hướng dẫn chưa rõ ràng', 'Tiếp cận dịch vụ; Công chức giải quyết công việc'],
      [new Date('2026-11-23T10:00:00.000Z'), new Date('2026-11-23T00:00:00Z'), '3 mức', 2, 'Hài lòng', 'Chưa đăng nhập ca', 'Chưa chọn lĩnh vực', 'HS "gấp", số 2\nghi chú'],
    ]);
    expect(raw.getCell('A2').numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(raw.getCell('H3').value).toBeNull(); // an empty cell, not ''
  });

  it('includes flagged ratings when asked', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await exported('xlsx', true)).base64, 'base64') as unknown as ArrayBuffer);
    expect((book.getWorksheet('Dữ liệu gốc') as ExcelJS.Worksheet).rowCount).toBe(5);
  });
});

describe('suspected ratings ("nghi ngờ") in exports', () => {
  // A stuffed tap (shared/rating-flags.ts: misuse) and one given while the clock ran back (information only).
  const stuffed: CraftedRating[] = [
    { at: '2026-11-23T11:00:00.100+07:00', level: 1, flags: ['cooldown', 'burst'] },
    { at: '2026-11-23T11:30:00.000+07:00', level: 1, flags: ['clock_went_backwards'] },
  ];
  const load = async (file: { base64: string }) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    return book;
  };

  it('the summary counts them on their own line, left out by default; the raw sheet has only the counted ones', async () => {
    const book = await load(await exported('xlsx', false, stuffed));
    const summary = book.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(rowAfter(summary, 'Tổng số đánh giá')).toEqual(['Tổng số đánh giá', 4]);
    expect(rowAfter(summary, 'Đánh giá nghi ngờ')).toEqual(['Đánh giá nghi ngờ', 2]);
    expect(rowAfter(summary, 'Đánh giá nghi ngờ không tính')).toEqual(['Đánh giá nghi ngờ không tính', 2]);
    const raw = book.getWorksheet('Dữ liệu gốc') as ExcelJS.Worksheet;
    expect(raw.rowCount).toBe(1 + 4);
    expect(raw.getRow(1).cellCount).toBe(10);
  });

  it('included on request: counted, and a last column "Nghi ngờ" says why each is suspected', async () => {
    const book = await load(await exported('xlsx', true, stuffed));
    const summary = book.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(rowAfter(summary, 'Tổng số đánh giá')).toEqual(['Tổng số đánh giá', 6]);
    expect(rowAfter(summary, 'Đánh giá nghi ngờ')).toEqual(['Đánh giá nghi ngờ', 2]);
    expect(rowAfter(summary, 'Đã tính cả đánh giá nghi ngờ')).toEqual(['Đã tính cả đánh giá nghi ngờ', 'Có']);
    const raw = book.getWorksheet('Dữ liệu gốc') as ExcelJS.Worksheet;
    const rows = raw.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual(['Thời điểm', 'Ngày', 'Thang', 'Mức', 'Nhãn', 'Cán bộ', 'Lĩnh vực', 'Mã hồ sơ', 'Lý do', 'Nhóm tiêu chí', 'Nghi ngờ']);
    expect(rows.map((r) => r[10] ?? null)).toEqual([
      'Nghi ngờ',
      null,
      null,
      null,
      'Nghi ngờ',
      'Gửi sớm hơn thời gian lời cảm ơn; Quá nhiều đánh giá trong một phút',
      null, // clock_went_backwards is information only
    ]);
  });

  it('CSV: the same column when included, none by default', async () => {
    const lines = (file: { base64: string }) => Buffer.from(file.base64, 'base64').toString('utf8').slice(1).split('\r\n');
    const included = lines(await exported('csv', true, stuffed));
    expect(included[0]).toBe('Thời điểm,Ngày,Thang,Mức,Nhãn,Cán bộ,Lĩnh vực,Mã hồ sơ,Lý do,Nhóm tiêu chí,Nghi ngờ');
    expect(included.slice(1).filter((l) => l.endsWith(',Nghi ngờ'))).toEqual(['2026-11-23 11:00:00,2026-11-23,3 mức,3,Không hài lòng,Chưa đăng nhập ca,Chưa chọn lĩnh vực,,,,Nghi ngờ']);
    expect(included).toContain(
      '2026-11-23 11:00:00,2026-11-23,3 mức,1,Rất hài lòng,Chưa đăng nhập ca,Chưa chọn lĩnh vực,,,,Gửi sớm hơn thời gian lời cảm ơn; Quá nhiều đánh giá trong một phút',
    );
    expect(included).toContain('2026-11-23 11:30:00,2026-11-23,3 mức,1,Rất hài lòng,Chưa đăng nhập ca,Chưa chọn lĩnh vực,,,,');
    const byDefault = lines(await exported('csv', false, stuffed));
    expect(byDefault[0]).toBe('Thời điểm,Ngày,Thang,Mức,Nhãn,Cán bộ,Lĩnh vực,Mã hồ sơ,Lý do,Nhóm tiêu chí');
    expect(byDefault).toHaveLength(1 + 4 + 1);
  });
});

describe('exportReport .csv', () => {
  it('is UTF-8 with a BOM, CRLF, Vietnamese headers, diacritics intact and RFC 4180 quoting', async () => {
    const file = await exported('csv');
    expect(file.fileName).toBe('hai-long-bo-phan-mot-cua-ubnd-xa-dong-hoa-quay-2-2026-11-22_2026-11-23.csv');
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')).toEqual([
      'Thời điểm,Ngày,Thang,Mức,Nhãn,Cán bộ,Lĩnh vực,Mã hồ sơ,Lý do,Nhóm tiêu chí',
      '2026-11-22 08:00:00,2026-11-22,3 mức,1,Rất hài lòng,Nguyễn Thị Hoà,Hộ tịch,000.00.12.H34-261122-0001,,',
      '2026-11-23 09:15:02,2026-11-23,3 mức,3,Không hài lòng,Nguyễn Thị Hoà,Đất đai,,Thời gian chờ lâu; Hướng dẫn chưa rõ ràng,Tiếp cận dịch vụ; Công chức giải quyết công việc',
      '2026-11-23 10:00:00,2026-11-23,3 mức,2,Hài lòng,Chưa đăng nhập ca,Chưa chọn lĩnh vực,"HS ""gấp"", số 2\nghi chú",,',
      '',
    ]);
  });

  it('quotes by RFC 4180 and defuses text a spreadsheet would run as a formula', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '+84', '@SUM(A1)', 12].map(csvField)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      `"'=HYPERLINK(""x"")"`,
      "'+84",
      "'@SUM(A1)",
      '12',
    ]);
  });
});

describe('file names', () => {
  it('are ASCII without diacritics (đ → d)', () => {
    expect(asciiSlug('Bộ phận Tiếp nhận và Trả kết quả – UBND phường Đống Đa')).toBe('bo-phan-tiep-nhan-va-tra-ket-qua-ubnd-ph');
    expect(asciiSlug('***')).toBe('don-vi');
    expect(reportFileName('Xã Ẳng Nưa', 12, { from: '2026-11-01', to: '2026-11-30' }, 'csv')).toBe('hai-long-xa-ang-nua-quay-12-2026-11-01_2026-11-30.csv');
  });
});
