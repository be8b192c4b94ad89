// `unit import FILE.xlsx|FILE.csv` (issue 16): the province's units from a spreadsheet, with
// Vietnamese headers in the first row (any column order; case, accents-as-typed and spaces around
// them aside):
//   Mã đơn vị | Tên đơn vị | Mã đơn vị cấp trên | Mã bộ phận một cửa
// The last two may be empty (a unit under the province; no office placed). Several office codes
// in one cell are separated by commas or semicolons. Every bad row is named by its line number and
// nothing is written (the store applies the whole file in one transaction, central/units.ts).
import { extname } from 'node:path';
import { readRegularFile } from '../shared/node/safe-file-read';
import { officeCodeSchema, unitCodeSchema, unitNameSchema, UnitRuleError, type UnitChange } from './units';
import { checkZipBudget, ZipBudgetError } from './zip-budget';

/** A province has a few hundred units; a spreadsheet larger than this is not a unit list. */
export const MAX_UNIT_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_UNIT_ROWS = 5000;
/** What an .xlsx may unpack to: 5,000 rows of units are a few MB; a zip bomb is gigabytes. */
export const MAX_UNIT_XLSX_UNPACKED_BYTES = 32 * 1024 * 1024;

export const unitHeaders = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  parentCode: 'Mã đơn vị cấp trên',
  officeCodes: 'Mã bộ phận một cửa',
} as const;
type Column = keyof typeof unitHeaders;

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Reads and checks the file; throws UnitRuleError naming every bad line. */
export async function readUnitFile(path: string): Promise<UnitChange[]> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new UnitRuleError([`tệp phải là .xlsx hoặc .csv (${ext || 'không có đuôi'})`]);
  return unitChangesFromBytes(readRegularFile(path, MAX_UNIT_FILE_BYTES), ext === '.csv' ? 'csv' : 'xlsx');
}

/** The file's bytes (from disk, or uploaded to the admin route) to checked changes; throws UnitRuleError naming every bad line. */
export async function unitChangesFromBytes(bytes: Buffer, kind: 'csv' | 'xlsx'): Promise<UnitChange[]> {
  if (kind === 'csv') return unitChangesFromRows(parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  return unitChangesFromRows(await xlsxRows(bytes));
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  // exceljs unpacks the whole file into memory: measure what it would unpack to first.
  try {
    checkZipBudget(bytes, MAX_UNIT_XLSX_UNPACKED_BYTES);
  } catch (error) {
    if (!(error instanceof ZipBudgetError)) throw error;
    throw new UnitRuleError([
      error.reason === 'too-large' ? `tệp .xlsx giải nén ra quá ${MAX_UNIT_XLSX_UNPACKED_BYTES / 1024 / 1024} MB, không phải danh sách đơn vị` : 'không đọc được tệp .xlsx (không phải tệp Excel hợp lệ)',
    ]);
  }
  // Loaded on use: only this command needs it.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnitRuleError([`không đọc được tệp .xlsx: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`]);
  }
  const sheet = book.worksheets[0];
  if (sheet === undefined) throw new UnitRuleError(['tệp .xlsx không có trang tính nào']);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text;
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/**
 * RFC 4180: quoted fields may hold the separator, quotes ("") and line breaks. The separator is
 * ',' or, when the header line has ';' and no ',', ';' (Excel in a Vietnamese locale writes that).
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows (the first holds the headers) to checked changes; every problem named by its line (1 = headers). */
export function unitChangesFromRows(rows: readonly string[][]): UnitChange[] {
  const [header, ...body] = rows;
  if (header === undefined) throw new UnitRuleError(['tệp trống: dòng 1 phải là tiêu đề cột']);
  const at = new Map<Column, number>();
  for (const [i, cell] of header.entries()) {
    const column = (Object.keys(unitHeaders) as Column[]).find((k) => normalise(unitHeaders[k]) === normalise(cell));
    if (column !== undefined) at.set(column, i);
  }
  const missing = (['code', 'name'] as const).filter((c) => !at.has(c));
  if (missing.length > 0) throw new UnitRuleError([`dòng 1: thiếu cột ${missing.map((c) => `"${unitHeaders[c]}"`).join(', ')}`]);
  if (body.length > MAX_UNIT_ROWS) throw new UnitRuleError([`tệp có ${body.length} dòng, tối đa ${MAX_UNIT_ROWS}`]);
  const problems: string[] = [];
  const changes: UnitChange[] = [];
  for (const [i, cells] of body.entries()) {
    const line = i + 2;
    const cell = (c: Column) => (at.has(c) ? (cells[at.get(c) ?? 0] ?? '').trim() : '');
    if (cells.every((c) => c.trim() === '')) continue;
    const code = unitCodeSchema.safeParse(cell('code'));
    const name = unitNameSchema.safeParse(cell('name'));
    const parent = cell('parentCode') === '' ? { success: true as const, data: null } : unitCodeSchema.safeParse(cell('parentCode'));
    const offices = cell('officeCodes')
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => ({ raw: s, parsed: officeCodeSchema.safeParse(s) }));
    const lineProblems = [
      ...(code.success ? [] : [`${unitHeaders.code}: ${code.error.issues[0]?.message ?? 'không hợp lệ'}`]),
      ...(name.success ? [] : [`${unitHeaders.name}: ${name.error.issues[0]?.message ?? 'không hợp lệ'}`]),
      ...(parent.success ? [] : [`${unitHeaders.parentCode}: ${parent.error.issues[0]?.message ?? 'không hợp lệ'}`]),
      ...offices.filter((o) => !o.parsed.success).map((o) => `${unitHeaders.officeCodes} "${o.raw.slice(0, 40)}": không hợp lệ`),
    ];
    if (lineProblems.length > 0 || !code.success || !name.success || !parent.success) {
      problems.push(`dòng ${line}: ${lineProblems.join('; ')}`);
      continue;
    }
    changes.push({ line, code: code.data, name: name.data, parentCode: parent.data, officeCodes: offices.map((o) => (o.parsed.success ? o.parsed.data : o.raw)) });
  }
  if (problems.length > 0) throw new UnitRuleError(problems);
  if (changes.length === 0) throw new UnitRuleError(['tệp không có đơn vị nào (chỉ có dòng tiêu đề)']);
  return changes;
}
