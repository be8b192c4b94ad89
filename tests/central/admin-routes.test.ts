// Issue 16, the province admin's administration over HTTP (/api/v1/admin/…), on SQLite and
// PostgreSQL, real HTTP on 127.0.0.1. The attacks first: a unit viewer (or a stranger) on every
// admin route, a forged cross-origin POST, an admin locking the province out, a spreadsheet with a
// bad line written in part, a password leaking into an answer, a log or the audit.
import Excel from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CentralStore } from '../../central/store/central-store';
import { LastActiveAdminError } from '../../central/accounts/account-store';
import { CENTRAL_NOW, manualClock, storeFactories } from '../support/central-fixture';
import { ADMIN_PASSWORD, addTestAccount, errorCode, startAccountsCentral, TestBrowser, VIEWER_PASSWORD, type Answer } from '../support/account-fixture';

const HUE = 'H-HUE';
const PHU_LOC = 'H-PL';
const OFFICE = '000.00.21.H56';
const TYPED = 'mật khẩu do quản trị gõ 2026';

/** Every admin route with a body that would pass its schema (a viewer must be refused before any of it matters). */
const routes: { method: string; path: string; body?: unknown; raw?: { type: string; bytes: Buffer } }[] = [
  { method: 'GET', path: '/api/v1/admin/accounts' },
  { method: 'POST', path: '/api/v1/admin/accounts', body: { username: 'moi', role: 'unit-viewer', units: [HUE] } },
  { method: 'POST', path: '/api/v1/admin/accounts/sonoivu/disable' },
  { method: 'POST', path: '/api/v1/admin/accounts/sonoivu/password', body: {} },
  { method: 'PUT', path: '/api/v1/admin/accounts/phuloc/units', body: { units: [HUE] } },
  { method: 'POST', path: '/api/v1/admin/units', body: { code: 'X-1', name: 'Xã Một', parentCode: HUE } },
  { method: 'PATCH', path: `/api/v1/admin/units/${HUE}`, body: { name: 'Đổi tên' } },
  { method: 'PUT', path: `/api/v1/admin/offices/${OFFICE}/unit`, body: { unitCode: HUE } },
  { method: 'POST', path: '/api/v1/admin/units/import', raw: { type: 'text/csv', bytes: Buffer.from('Mã đơn vị,Tên đơn vị\nX-2,Xã Hai\n') } },
  { method: 'GET', path: '/api/v1/admin/devices' },
  { method: 'POST', path: '/api/v1/admin/devices/0192f1a4-3c1e-7cc0-9a3e-1f2d3c4b5a69/revoke' },
];

/** A raw upload as the page sends it: the file as the body, with the session cookie and Origin. */
async function upload(browser: TestBrowser, type: string, bytes: Buffer, file?: string): Promise<Answer> {
  const response = await fetch(`${browser.url}/api/v1/admin/units/import${file === undefined ? '' : `?file=${encodeURIComponent(file)}`}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(browser.origin === null ? {} : { origin: browser.origin }), ...(browser.cookie === undefined ? {} : { cookie: browser.cookie }) },
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown), setCookie: null, headers: response.headers };
}

const call = (browser: TestBrowser, route: (typeof routes)[number]) =>
  route.raw === undefined ? browser.request(route.method, route.path, route.body) : upload(browser, route.raw.type, route.raw.bytes);

async function xlsxBytes(rows: string[][]): Promise<Buffer> {
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet('Đơn vị');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(storeFactories)('administration over HTTP on $storage', (factory) => {
  async function setUp() {
    const clock = manualClock(CENTRAL_NOW);
    const store = await factory.open({ now: clock.now });
    await store.changeUnits(
      [
        { line: 0, code: HUE, name: 'Thành phố Huế', parentCode: null, officeCodes: [] },
        { line: 0, code: PHU_LOC, name: 'Huyện Phú Lộc', parentCode: null, officeCodes: [] },
      ],
      'add',
    );
    await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
    await addTestAccount(store, 'phuloc', 'unit-viewer', [PHU_LOC], VIEWER_PASSWORD);
    const central = await startAccountsCentral(store, clock.now);
    const admin = new TestBrowser(central.url);
    expect((await admin.signIn('sonoivu', ADMIN_PASSWORD)).status).toBe(200);
    return { store, central, admin };
  }

  const unitsOf = async (store: CentralStore) => (await store.listUnits()).map((u) => `${u.code}<${u.parentCode ?? ''}:${u.name}`).sort();

  it('a unit viewer gets 403 on every admin route and a stranger 401; nothing is written', async () => {
    const { store, central } = await setUp();
    const viewer = new TestBrowser(central.url);
    await viewer.signIn('phuloc', VIEWER_PASSWORD);
    const stranger = new TestBrowser(central.url);
    const before = [await unitsOf(store), await store.accounts.listAccounts()];
    for (const route of routes) {
      const answer = await call(viewer, route);
      expect([route.method, route.path, answer.status, errorCode(answer)]).toEqual([route.method, route.path, 403, 'FORBIDDEN']);
      expect(errorCode(await call(stranger, route)), route.path).toBe('SIGN_IN_REQUIRED');
    }
    expect([await unitsOf(store), await store.accounts.listAccounts()]).toEqual(before);
  });

  it("a forged cross-origin (or Origin-less) POST with the admin's cookie is refused before anything is written", async () => {
    const { store, central, admin } = await setUp();
    for (const origin of ['https://evil.example', null]) {
      const forged = new TestBrowser(central.url, origin);
      forged.cookie = admin.cookie;
      for (const route of routes.filter((r) => r.method !== 'GET')) expect(errorCode(await call(forged, route)), `${route.path} from ${origin}`).toBe('ORIGIN_REFUSED');
    }
    expect((await store.accounts.listAccounts()).map((a) => [a.username, a.disabledAt])).toEqual([['phuloc', null], ['sonoivu', null]]);
    expect(await unitsOf(store)).toEqual([`${PHU_LOC}<:Huyện Phú Lộc`, `${HUE}<:Thành phố Huế`].sort());
  });

  it('accounts: a viewer with a one-time password shown once, a typed one never echoed, units changed at once, reset, disable; audited, no password kept anywhere', async () => {
    const { store, central, admin } = await setUp();
    const added = await admin.request('POST', '/api/v1/admin/accounts', { username: 'HueXem', role: 'unit-viewer', units: [HUE] });
    expect(added.status).toBe(201);
    const generated = (added.body as { password: string }).password;
    expect(added.body).toEqual({ username: 'huexem', password: expect.stringMatching(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/) as string });
    const viewer = new TestBrowser(central.url);
    expect((await viewer.signIn('huexem', generated)).body).toMatchObject({ role: 'unit-viewer', units: [HUE] });

    const typed = await admin.request('POST', '/api/v1/admin/accounts', { username: 'quantri2', role: 'province-admin', password: TYPED });
    expect(typed).toMatchObject({ status: 201, body: { username: 'quantri2', password: null } });

    const refusals = [
      [{ username: 'yeu', role: 'province-admin', password: 'ngắn' }, 400, 'INVALID_INPUT', 'password: Mật khẩu cần ít nhất 12 ký tự'],
      [{ username: 'khongdonvi', role: 'unit-viewer', units: [] }, 400, 'INVALID_INPUT', 'units: Tài khoản Xem đơn vị cần ít nhất một đơn vị'],
      [{ username: 'sai-don-vi', role: 'unit-viewer', units: ['KHONG-CO'] }, 404, 'UNKNOWN_UNIT', 'KHONG-CO'],
      [{ username: 'HUEXEM', role: 'unit-viewer', units: [HUE] }, 409, 'ACCOUNT_EXISTS', 'huexem'],
      [{ username: 'thua', role: 'province-admin', isRoot: true }, 400, 'INVALID_INPUT', undefined],
    ] as const;
    for (const [body, status, code, detail] of refusals) {
      const answer = await admin.request('POST', '/api/v1/admin/accounts', body);
      expect([answer.status, errorCode(answer)], JSON.stringify(body)).toEqual([status, code]);
      if (detail !== undefined) expect((answer.body as { error: { detail: string } }).error.detail).toBe(detail);
    }

    // The viewer's scope changes on their next request, without signing in again.
    expect((await admin.request('PUT', '/api/v1/admin/accounts/huexem/units', { units: [PHU_LOC, HUE] })).status).toBe(204);
    expect((await viewer.whoAmI()).body).toMatchObject({ units: [HUE, PHU_LOC].sort() });
    expect(errorCode(await admin.request('PUT', '/api/v1/admin/accounts/sonoivu/units', { units: [HUE] }))).toBe('NOT_A_VIEWER');
    expect(errorCode(await admin.request('PUT', '/api/v1/admin/accounts/huexem/units', { units: ['KHONG-CO'] }))).toBe('UNKNOWN_UNIT');
    expect(errorCode(await admin.request('PUT', '/api/v1/admin/accounts/ai-do/units', { units: [HUE] }))).toBe('UNKNOWN_ACCOUNT');

    const reset = await admin.request('POST', '/api/v1/admin/accounts/huexem/password', {});
    const fresh = (reset.body as { password: string }).password;
    expect(fresh).toMatch(/^[a-z2-9-]{23}$/);
    expect(fresh).not.toBe(generated);
    expect(errorCode(await viewer.whoAmI())).toBe('SIGN_IN_REQUIRED');
    expect((await new TestBrowser(central.url).signIn('huexem', fresh)).status).toBe(200);
    expect(errorCode(await admin.request('POST', '/api/v1/admin/accounts/huexem/password', { password: 'huexem-la-ten-toi' }))).toBe('INVALID_INPUT');

    expect((await admin.request('POST', '/api/v1/admin/accounts/huexem/disable')).status).toBe(204);
    expect(errorCode(await new TestBrowser(central.url).signIn('huexem', fresh))).toBe('ACCOUNT_DISABLED');
    expect(errorCode(await admin.request('POST', '/api/v1/admin/accounts/ai-do/disable'))).toBe('UNKNOWN_ACCOUNT');

    const list = await admin.request('GET', '/api/v1/admin/accounts');
    expect((list.body as { accounts: { username: string; role: string; units: string[]; disabledAt: string | null }[] }).accounts.map((a) => [a.username, a.role, a.units, a.disabledAt !== null])).toEqual([
      ['huexem', 'unit-viewer', [HUE, PHU_LOC].sort(), true],
      ['phuloc', 'unit-viewer', [PHU_LOC], false],
      ['quantri2', 'province-admin', [], false],
      ['sonoivu', 'province-admin', [], false],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);

    const audit = (await store.accounts.auditEntries('huexem')).filter((e) => e.actor === 'sonoivu');
    expect(audit.map((e) => [e.event, e.address, e.detail])).toEqual([
      ['account-added', '127.0.0.1', `unit-viewer ${HUE}`],
      ['account-units-changed', '127.0.0.1', `${HUE} → ${PHU_LOC},${HUE}`],
      ['password-reset', '127.0.0.1', null],
      ['account-disabled', '127.0.0.1', null],
    ]);
    const everything = JSON.stringify(await store.accounts.auditEntries()) + JSON.stringify(central.logLines());
    for (const secret of [generated, fresh, TYPED]) expect(everything).not.toContain(secret);
  });

  it('an admin cannot disable themselves, nor the last active admin; two admins disabling each other at once leave one', async () => {
    const { store, central, admin } = await setUp();
    expect(errorCode(await admin.request('POST', '/api/v1/admin/accounts/sonoivu/disable'))).toBe('CANNOT_DISABLE_SELF');
    await addTestAccount(store, 'quantri2', 'province-admin', [], ADMIN_PASSWORD);
    const other = new TestBrowser(central.url);
    await other.signIn('quantri2', ADMIN_PASSWORD);
    const answers = await Promise.all([admin.request('POST', '/api/v1/admin/accounts/quantri2/disable'), other.request('POST', '/api/v1/admin/accounts/sonoivu/disable')]);
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(answers.map(errorCode).filter((c) => c !== undefined)).toEqual([expect.stringMatching(/^(LAST_ADMIN|SIGN_IN_REQUIRED)$/)]);
    expect((await store.accounts.listAccounts()).filter((a) => a.role === 'province-admin' && a.disabledAt === null)).toHaveLength(1);
    // The store's own guard, whoever asks with keepAnActiveAdmin (a stale session, another instance).
    const last = (await store.accounts.listAccounts()).find((a) => a.role === 'province-admin' && a.disabledAt === null)?.username ?? '';
    const auditEntry = { at: CENTRAL_NOW, event: 'account-disabled' as const, username: last, actor: 'kiểm thử', address: null, detail: null };
    await expect(store.accounts.disableAccount(last, auditEntry, { keepAnActiveAdmin: true })).rejects.toBeInstanceOf(LastActiveAdminError);
  });

  it('units: add, rename, move, place an office; a cycle or an unknown unit is refused and nothing is written; audited', async () => {
    const { store, admin } = await setUp();
    expect((await admin.request('POST', '/api/v1/admin/units', { code: 'X-VD', name: 'Xã Vinh Độ', parentCode: PHU_LOC })).status).toBe(201);
    expect((await admin.request('PATCH', '/api/v1/admin/units/X-VD', { name: 'Xã Vinh Hiền' })).status).toBe(204);
    expect((await admin.request('PATCH', '/api/v1/admin/units/X-VD', { parentCode: HUE })).status).toBe(204);
    expect((await admin.request('PUT', `/api/v1/admin/offices/${OFFICE}/unit`, { unitCode: 'X-VD' })).status).toBe(204);
    expect(await unitsOf(store)).toEqual([`${PHU_LOC}<:Huyện Phú Lộc`, `${HUE}<:Thành phố Huế`, `X-VD<${HUE}:Xã Vinh Hiền`].sort());
    expect((await store.directorySnapshot()).offices.find((o) => o.officeCode === OFFICE)?.unitCode).toBe('X-VD');

    const cycle = await admin.request('PATCH', `/api/v1/admin/units/${HUE}`, { parentCode: 'X-VD' });
    expect(cycle).toMatchObject({ status: 422, body: { error: { code: 'UNIT_RULES', problems: [expect.stringContaining('vòng lặp') as string] } } });
    expect(errorCode(await admin.request('POST', '/api/v1/admin/units', { code: 'X-VD', name: 'Lặp', parentCode: null }))).toBe('UNIT_RULES');
    expect(errorCode(await admin.request('POST', '/api/v1/admin/units', { code: 'X-2', name: 'Xã', parentCode: 'KHONG-CO' }))).toBe('UNIT_RULES');
    expect(errorCode(await admin.request('PATCH', '/api/v1/admin/units/KHONG-CO', { name: 'Ai' }))).toBe('UNKNOWN_UNIT');
    expect(errorCode(await admin.request('PATCH', `/api/v1/admin/units/${HUE}`, {}))).toBe('INVALID_INPUT');
    expect(errorCode(await admin.request('POST', '/api/v1/admin/units', { code: 'có dấu', name: 'Xã' }))).toBe('INVALID_INPUT');
    expect(errorCode(await admin.request('PUT', `/api/v1/admin/offices/${OFFICE}/unit`, { unitCode: 'KHONG-CO' }))).toBe('UNIT_RULES');
    expect(await unitsOf(store)).toHaveLength(3);

    const audit = (await store.accounts.auditEntries('sonoivu')).filter((e) => e.actor === 'sonoivu' && e.event !== 'sign-in');
    expect(audit.map((e) => [e.event, e.actor, e.detail])).toEqual([
      ['unit-added', 'sonoivu', `X-VD "Xã Vinh Độ" dưới ${PHU_LOC}`],
      ['unit-changed', 'sonoivu', 'X-VD: tên "Xã Vinh Độ" → "Xã Vinh Hiền"'],
      ['unit-changed', 'sonoivu', `X-VD: cấp trên ${PHU_LOC} → ${HUE}`],
      ['office-assigned', 'sonoivu', `${OFFICE} → X-VD`],
    ]);
  });

  it('the spreadsheet upload is all or nothing: a bad line is named and nothing is written; then the good file (csv and xlsx)', async () => {
    const { store, admin } = await setUp();
    const bad = Buffer.from(`Mã đơn vị;Tên đơn vị;Mã đơn vị cấp trên;Mã bộ phận một cửa\nX-A;Xã A;${HUE};${OFFICE}\nX B;Xã B;${HUE};\n`);
    const refused = await upload(admin, 'text/csv', bad, 'don-vi.csv');
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'UNIT_RULES', problems: ['dòng 3: Mã đơn vị: Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _'] } } });
    expect(await unitsOf(store)).toHaveLength(2);
    const unknownParent = await upload(admin, 'text/csv', Buffer.from('Mã đơn vị,Tên đơn vị,Mã đơn vị cấp trên\nX-A,Xã A,KHONG-CO\n'));
    expect((unknownParent.body as { error: { problems: string[] } }).error.problems).toEqual(['dòng 2: không có đơn vị cấp trên KHONG-CO']);

    const good = await upload(admin, 'text/csv; charset=utf-8', Buffer.from(`\uFEFF${bad.toString().replace('X B', 'X-B')}`), 'don-vi.csv');
    expect(good).toMatchObject({ status: 200, body: { units: 2, offices: 1 } });
    const book = await upload(admin, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await xlsxBytes([['Tên đơn vị', 'Mã đơn vị'], ['Xã C', 'X-C']]), 'don-vi.xlsx');
    expect(book).toMatchObject({ status: 200, body: { units: 1, offices: 0 } });
    expect(await unitsOf(store)).toEqual([`${PHU_LOC}<:Huyện Phú Lộc`, `${HUE}<:Thành phố Huế`, `X-A<${HUE}:Xã A`, `X-B<${HUE}:Xã B`, 'X-C<:Xã C'].sort());

    expect(errorCode(await upload(admin, 'application/json', Buffer.from('{}')))).toBe('UNSUPPORTED_FILE');
    expect(errorCode(await upload(admin, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from('không phải xlsx')))).toBe('UNIT_RULES');
    expect((await store.accounts.auditEntries('sonoivu')).filter((e) => e.event === 'units-imported').map((e) => e.detail)).toEqual([
      '2 đơn vị, 1 bộ phận một cửa từ don-vi.csv',
      '1 đơn vị, 0 bộ phận một cửa từ don-vi.xlsx',
    ]);
  });

  it('devices: listed with office and unit; revoking one stops its token at once; unknown and malformed ids refused', async () => {
    const { store, admin, central } = await setUp();
    await store.assignOffice(OFFICE, HUE);
    const { deviceId, token } = await store.addDevice({ officeCode: OFFICE, counter: 2, label: 'Quầy hộ tịch' });
    const list = await admin.request('GET', '/api/v1/admin/devices');
    expect(list.body).toEqual({
      devices: [{ deviceId, officeCode: OFFICE, officeName: null, unitCode: HUE, unitName: 'Thành phố Huế', counter: 2, label: 'Quầy hộ tịch', revoked: false, lastSeenAt: null, ratingCount: 0 }],
    });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await admin.request('POST', `/api/v1/admin/devices/${deviceId}/revoke`)).status).toBe(204);
    expect((await store.authenticateDevice(token))?.revoked).toBe(true);
    const batch = await fetch(`${central.url}/api/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(batch.status).toBe(403);
    expect(errorCode(await admin.request('POST', '/api/v1/admin/devices/0192f1a4-3c1e-7cc0-9a3e-1f2d3c4b5a69/revoke'))).toBe('UNKNOWN_DEVICE');
    expect(errorCode(await admin.request('POST', '/api/v1/admin/devices/quay-3/revoke'))).toBe('INVALID_INPUT');
    expect((await store.accounts.auditEntries('sonoivu')).filter((e) => e.event === 'device-revoked').map((e) => [e.detail, e.address])).toEqual([[deviceId, '127.0.0.1']]);
  });
});
