// Issue 16, the province's unit hierarchy at central (SQLite and PostgreSQL): `unit add`, `list`,
// `assign-office` and `import` from .xlsx and .csv with Vietnamese headers (bad rows refused by
// line number, all or nothing, no cycle), and GET /api/v1/directory naming a synced kiosk's
// officers and service areas under its unit.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Excel from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CentralStore } from '../../central/store/central-store';
import { parseCentralArgs } from '../../central/cli-args';
import { runUnitCommand, type UnitCommand } from '../../central/unit-commands';
import { directoryResponseSchema } from '../../shared/central-directory';
import { saveKioskSettings, saveServiceAreas } from '../../electron/backend/settings-repo';
import { insertOfficer } from '../../electron/backend/staff/officers-repo';
import { request, storeFactories, tempDir } from '../support/central-fixture';
import { runCentral } from '../support/cli-runners';
import { enrolledKiosk, startCentral } from '../support/sync-rig';

async function run(store: CentralStore, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const command = parseCentralArgs(['unit', ...argv]) as UnitCommand;
  const code = await runUnitCommand(command, store, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

async function xlsx(rows: (string | null)[][]): Promise<string> {
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet('Đơn vị');
  for (const row of rows) sheet.addRow(row);
  const path = join(tempDir(), 'don-vi.xlsx');
  await book.xlsx.writeFile(path);
  return path;
}

function csv(text: string): string {
  const path = join(tempDir(), 'don-vi.csv');
  writeFileSync(path, text);
  return path;
}

describe.each(storeFactories)('units at central ($storage)', (factory) => {
  it('add, nest, list as a tree, place an office; refuse an unknown parent, a repeated code, an unknown unit', async () => {
    const store = await factory.open();
    expect((await run(store, ['add', '--code', 'H56-TL', '--name', 'Huyện Tân Lạc'])).code).toBe(0);
    const nested = await run(store, ['add', '--code', 'X-TL-01', '--name', 'Xã Phong Phú', '--parent', 'H56-TL']);
    expect(nested).toMatchObject({ code: 0, out: expect.stringContaining('UNIT_CODE=X-TL-01') as string });
    await run(store, ['add', '--code', 'H56-CP', '--name', 'Huyện Cao Phong']);

    expect(await run(store, ['add', '--code', 'X-9', '--name', 'Xã Chín', '--parent', 'KHONG-CO'])).toMatchObject({ code: 1, err: expect.stringContaining('không có đơn vị cấp trên KHONG-CO') as string });
    expect(await run(store, ['add', '--code', 'H56-TL', '--name', 'Trùng'])).toMatchObject({ code: 1, err: expect.stringContaining('đơn vị H56-TL đã có') as string });
    expect(await run(store, ['assign-office', '--office-code', '000.00.21.H56', '--unit', 'KHONG-CO'])).toMatchObject({ code: 1, err: expect.stringContaining('không có đơn vị KHONG-CO') as string });
    expect((await run(store, ['assign-office', '--office-code', '000.00.21.H56', '--unit', 'X-TL-01'])).code).toBe(0);

    // Vietnamese order (Cao before Tân), children indented under their parent.
    expect((await run(store, ['list'])).out).toBe('H56-CP  Huyện Cao Phong\nH56-TL  Huyện Tân Lạc\n  X-TL-01  Xã Phong Phú\nUNITS=3\n');
    expect((await store.directorySnapshot()).offices).toEqual([{ officeCode: '000.00.21.H56', name: null, timeZone: null, unitCode: 'X-TL-01' }]);
  });

  it('imports a spreadsheet (.xlsx, any column order) and a .csv (";" separated, BOM, quotes); a re-import renames and moves', async () => {
    const store = await factory.open();
    const book = await xlsx([
      ['Tên đơn vị', 'Mã đơn vị', 'Mã bộ phận một cửa', 'Mã đơn vị cấp trên'],
      ['Xã Phong Phú', 'X-TL-01', '000.00.21.H56, 000.00.22.H56', 'H56-TL'],
      ['Huyện Tân Lạc', 'H56-TL', null, null],
      [null, null, null, null],
    ]);
    expect(await run(store, ['import', book])).toMatchObject({ code: 0, out: expect.stringContaining('UNITS_IMPORTED=2\nOFFICES_ASSIGNED=2') as string });
    expect(await store.listUnits()).toEqual([
      { code: 'H56-TL', name: 'Huyện Tân Lạc', parentCode: null },
      { code: 'X-TL-01', name: 'Xã Phong Phú', parentCode: 'H56-TL' },
    ]);

    const sheet = csv('\uFEFFMã đơn vị;Tên đơn vị;Mã đơn vị cấp trên\r\nH56-CP;"Huyện Cao Phong; tỉnh Hòa Bình";\r\nX-TL-01;"Xã Phong Phú ""mới""";H56-CP\r\n');
    expect((await run(store, ['import', sheet])).code).toBe(0);
    expect(await store.listUnits()).toEqual([
      { code: 'H56-CP', name: 'Huyện Cao Phong; tỉnh Hòa Bình', parentCode: null },
      { code: 'H56-TL', name: 'Huyện Tân Lạc', parentCode: null },
      { code: 'X-TL-01', name: 'Xã Phong Phú "mới"', parentCode: 'H56-CP' },
    ]);
  });

  it('refuses a bad spreadsheet naming every bad line, and writes nothing of it', async () => {
    const store = await factory.open();
    await run(store, ['add', '--code', 'H56-TL', '--name', 'Huyện Tân Lạc']);
    await run(store, ['add', '--code', 'X-01', '--name', 'Xã Một', '--parent', 'H56-TL']);
    const before = await store.listUnits();

    const bad = await xlsx([
      ['Mã đơn vị', 'Tên đơn vị', 'Mã đơn vị cấp trên', 'Mã bộ phận một cửa'],
      ['H56-CP', 'Huyện Cao Phong', null, null],
      ['X 02', 'Xã Hai', 'H56-CP', null],
      ['X-03', null, 'H56-CP', null],
      ['X-04', 'Xã Bốn', 'KHONG-CO', 'mã sai!'],
    ]);
    const refused = await run(store, ['import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('dòng 3: Mã đơn vị: Mã đơn vị chỉ gồm');
    expect(refused.err).toContain('dòng 4: Tên đơn vị: Tên đơn vị không được để trống');
    expect(refused.err).toContain('dòng 5: Mã bộ phận một cửa "mã sai!": không hợp lệ');
    expect(refused.err).toContain('Không có thay đổi nào được ghi');

    // Rows well formed one by one, wrong together: a repeated code, an unknown parent, a cycle
    // through a stored unit (H56-TL under X-01, which is under H56-TL).
    const tangled = csv('Mã đơn vị,Tên đơn vị,Mã đơn vị cấp trên\nH56-CP,Huyện Cao Phong,\nH56-CP,Lặp lại,\nX-05,Xã Năm,KHONG-CO\nH56-TL,Huyện Tân Lạc,X-01\n');
    const cycle = await run(store, ['import', tangled]);
    expect(cycle.code).toBe(1);
    expect(cycle.err).toContain('dòng 3: mã đơn vị H56-CP lặp lại (đã có ở dòng 2)');
    expect(cycle.err).toContain('dòng 4: không có đơn vị cấp trên KHONG-CO');
    expect(cycle.err).toContain('dòng 5: đơn vị H56-TL sẽ nằm dưới chính nó');

    expect((await run(store, ['import', csv('Mã,Tên\nA,B\n')])).err).toContain('dòng 1: thiếu cột "Mã đơn vị", "Tên đơn vị"');
    expect((await run(store, ['import', csv('Mã đơn vị,Tên đơn vị\n')])).err).toContain('không có đơn vị nào');
    const text = join(tempDir(), 'don-vi.txt');
    writeFileSync(text, 'Mã đơn vị,Tên đơn vị\nA,B\n');
    expect(await run(store, ['import', text])).toMatchObject({ code: 1, err: expect.stringContaining('tệp phải là .xlsx hoặc .csv (.txt)') as string });
    expect(await store.listUnits()).toEqual(before);
    expect((await store.directorySnapshot()).offices).toEqual([]);
  });

  it('GET /api/v1/directory: the province\'s units, offices, devices, officers and service areas by name; admin token only', async () => {
    const central = await startCentral(() => factory.open());
    const kiosk = await enrolledKiosk(central, { direct: true });
    try {
      const db = kiosk.backend.context.db;
      saveKioskSettings(db, { officeName: 'UBND xã Phong Phú – Bộ phận Một cửa' });
      saveServiceAreas(db, [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }]);
      const officerId = randomUUID();
      insertOfficer(db, { id: officerId, code: 'CB07', name: 'Đặng Thu Hà', title: 'Công chức Tư pháp – Hộ tịch', photoDataUrl: null, active: true }, '2026-11-23T08:00:00.000+07:00');
      await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      await kiosk.backend.sync.trigger('manual');
      await central.store.changeUnits(
        [
          { line: 0, code: 'H56-TL', name: 'Huyện Tân Lạc', parentCode: null, officeCodes: [] },
          { line: 0, code: 'X-TL-01', name: 'Xã Phong Phú', parentCode: 'H56-TL', officeCodes: ['000.00.21.H56'] },
        ],
        'upsert',
      );
      const admin = await central.store.addAdminToken('test');
      const response = await request(`${central.url}/api/v1/directory`, { headers: { authorization: `Bearer ${admin}` } });
      expect(response.status).toBe(200);
      const view = directoryResponseSchema.parse(response.body);
      expect(view.unassignedOffices).toEqual([]);
      const commune = view.units[0]?.units[0];
      expect([view.units[0]?.name, commune?.name, commune?.offices[0]?.name]).toEqual(['Huyện Tân Lạc', 'Xã Phong Phú', 'UBND xã Phong Phú – Bộ phận Một cửa']);
      const device = commune?.offices[0]?.devices[0];
      expect(device?.deviceId).toBe(kiosk.deviceId);
      expect(device?.directory?.officers).toEqual([{ id: officerId, code: 'CB07', name: 'Đặng Thu Hà', title: 'Công chức Tư pháp – Hộ tịch', active: true, hasPhoto: false }]);
      expect(device?.directory?.serviceAreas).toEqual([{ code: 'HO-TICH', name: 'Hộ tịch', active: true }]);

      // Not for strangers, nor for a device's own token.
      expect((await request(`${central.url}/api/v1/directory`)).status).toBe(401);
      const { token } = await central.store.addDevice({ officeCode: '000.00.21.H56', counter: 2 });
      expect((await request(`${central.url}/api/v1/directory`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      await kiosk.close();
      await central.close();
    }
  });
});

describe('the unit commands from the command line', () => {
  it('run through `npm run central -- unit …`; a missing --name is a usage error (exit 2)', async () => {
    const dir = tempDir();
    expect((await runCentral(dir, 'unit', 'add', '--code', 'H56-TL', '--name', 'Huyện Tân Lạc')).code).toBe(0);
    expect((await runCentral(dir, 'unit', 'list')).out).toBe('H56-TL  Huyện Tân Lạc\nUNITS=1\n');
    const usage = await runCentral(dir, 'unit', 'add', '--code', 'X-1');
    expect([usage.code, usage.err]).toEqual([2, expect.stringContaining('Cần --name: tên đơn vị')]);
    expect((await runCentral(dir, 'help')).out).toContain('unit import TỆP.xlsx|TỆP.csv');
  });
});
