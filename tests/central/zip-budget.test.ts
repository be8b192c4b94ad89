// A unit spreadsheet is an .xlsx, a zip that exceljs unpacks whole into memory. An upload of a few
// MB that unpacks to gigabytes (a zip bomb, from a stolen admin session or a bad file on a USB
// stick) is refused before exceljs sees it (central/zip-budget.ts), naming why in Vietnamese;
// a real workbook still imports.
import { crc32, deflateRawSync } from 'node:zlib';
import Excel from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_UNIT_XLSX_UNPACKED_BYTES, unitChangesFromBytes } from '../../central/unit-import';
import { UnitRuleError } from '../../central/units';
import { checkZipBudget, ZipBudgetError } from '../../central/zip-budget';

/** A zip of deflated entries, as the format says (local headers, central directory, end record). */
function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    directory.push(entry, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const refusal = async (bytes: Buffer): Promise<readonly string[]> => {
  const error: unknown = await unitChangesFromBytes(bytes, 'xlsx').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnitRuleError);
  return (error as UnitRuleError).problems;
};

describe('an uploaded .xlsx is measured before it is unpacked', () => {
  it('a real workbook passes and imports', async () => {
    const book = new Excel.Workbook();
    book.addWorksheet('Đơn vị').addRows([
      ['Mã đơn vị', 'Tên đơn vị'],
      ['H56-TL', 'Huyện Tân Lạc'],
    ]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    expect(() => checkZipBudget(bytes, MAX_UNIT_XLSX_UNPACKED_BYTES)).not.toThrow();
    expect(await unitChangesFromBytes(bytes, 'xlsx')).toMatchObject([{ code: 'H56-TL', name: 'Huyện Tân Lạc' }]);
  });

  it('a zip bomb (a small file unpacking past the budget) is refused in Vietnamese before exceljs loads it', async () => {
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(MAX_UNIT_XLSX_UNPACKED_BYTES + 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await refusal(bomb)).toEqual(['tệp .xlsx giải nén ra quá 32 MB, không phải danh sách đơn vị']);
    // Many entries each within the budget count together.
    const spread = zipOf(Array.from({ length: 5 }, (_, i) => ({ name: `xl/part${i}.xml`, data: Buffer.alloc(8 * 1024 * 1024) })));
    expect(() => checkZipBudget(spread, MAX_UNIT_XLSX_UNPACKED_BYTES)).toThrow(new ZipBudgetError('too-large'));
  });

  it('a file that is not a zip, or is cut short, is refused as unreadable', async () => {
    expect(await refusal(Buffer.from('Mã đơn vị,Tên đơn vị\nH56,Huyện\n'))).toEqual(['không đọc được tệp .xlsx (không phải tệp Excel hợp lệ)']);
    const zip = zipOf([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    expect(() => checkZipBudget(Buffer.concat([zip.subarray(0, 10), zip.subarray(zip.length - 22)]), MAX_UNIT_XLSX_UNPACKED_BYTES)).toThrow(ZipBudgetError);
  });
});
