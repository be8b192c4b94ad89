// The IT admin's device settings: first-run state, validation with Vietnamese messages, the
// audit log (secrets masked, append-only), and who may call what.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput, MethodName } from '../../shared/contract';
import { MASKED_SECRET } from '../../shared/device-settings';
import { defaultReportContact } from '../../shared/report-contact';
import { defaultOpeningHours } from '../../shared/opening-hours';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession, TEST_TOKEN, validSettings } from '../support/it-admin-fixture';
import { addOfficer, call, must, sectionHeadSession } from '../support/staff-fixture';
import { defaultDossierSettings } from '../../shared/dossier-code';

const clock = () => manualClock('2026-11-25T02:00:00.000Z');

function openBackend() {
  const dataDir = tempDataDir();
  return { dataDir, backend: openTestBackend({ dataDir, autoSync: false, now: clock().now }) };
}

describe('first-run setup', () => {
  it('needs setup until the office and counter are saved, and is public to ask', async () => {
    const { backend } = openBackend();
    expect(await must(backend, 'getSetupState', {})).toEqual({ needsSetup: true });
    itAdminSession(backend);
    expect(await must(backend, 'getDeviceSettings', {})).toMatchObject({ officeCode: null, tokenSet: false, needsSetup: true, endpoint: null });
    await must(backend, 'saveDeviceSettings', validSettings());
    backend.staff.close();
    expect(await must(backend, 'getSetupState', {})).toEqual({ needsSetup: false });
  });

  it('counts a provisioning file as set up', async () => {
    const { backend } = openBackend();
    const central = await fakeCentral();
    const file = await central.provisioning(tempDataDir(), { deviceId: backend.context.deviceId });
    itAdminSession(backend);
    expect(await must(backend, 'importProvisioningFile', { path: file, confirmedFingerprint: central.fingerprint })).toMatchObject({ officeName: 'UBND phường Bến Thành', counterNumber: 5 });
    expect(await must(backend, 'getSetupState', {})).toEqual({ needsSetup: false });
  });

  it('still stores a rating while the kiosk needs setup', async () => {
    const { backend } = openBackend();
    expect(await call(backend, 'submitRating', { scale: 'vn-3', level: 1 })).toMatchObject({ ok: true });
  });
});

describe('saveDeviceSettings', () => {
  it('stores every value, returns only whether a token is set, and keeps the token out of the database', async () => {
    const { backend, dataDir } = openBackend();
    itAdminSession(backend);
    const saved = await must(backend, 'saveDeviceSettings', validSettings());
    expect(saved).toEqual({
      officeCode: '000.00.21.H56',
      officeName: 'UBND xã Tân Lập – Bộ phận Một cửa',
      counterNumber: 3,
      kioskLabel: 'Quầy 3 – Hộ tịch',
      scaleId: 'vn-4',
      timeZone: 'Asia/Ho_Chi_Minh',
      thankYouSeconds: 6,
      // Not in the form the test sends: the kiosk keeps its own (the default).
      burstMaxPerMinute: 6,
      serviceAreas: validSettings().serviceAreas,
      languages: ['vi', 'en'],
      // The form left each factor out: the codes' usual ones.
      reasons: validSettings().reasons.map((r) => ({ ...r, factor: { 'THAI-DO': 'officer', 'CHO-LAU': 'access' }[r.code], reportPath: false })),
      startAtLogin: false,
      reportContact: defaultReportContact,
      dossier: defaultDossierSettings,
      // Not in the form the test sends either: the default week (issue 15).
      openingHours: defaultOpeningHours,
      directoryPhotos: false,
      endpoint: 'https://dvc.example.gov.vn/hai-long',
      tokenSet: true,
      needsSetup: false,
    });
    expect(JSON.stringify(saved)).not.toContain(TEST_TOKEN);
    expect(fileSecretStore(dataDir).read('device-token')).toBe(TEST_TOKEN);
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({
      officeName: 'UBND xã Tân Lập – Bộ phận Một cửa',
      counterNumber: 3,
      scaleId: 'vn-4',
      thankYouSeconds: 6,
      languages: ['vi', 'en'],
      reasons: validSettings().reasons,
    });
    expect(await must(backend, 'getSyncStatus', {})).toMatchObject({ state: 'idle' });
    backend.context.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of ['kiosk.db', 'kiosk.db-wal'].map((f) => join(dataDir, f)).filter((f) => existsSync(f))) {
      expect(readFileSync(file).includes(Buffer.from(TEST_TOKEN)), file).toBe(false);
    }
  });

  it('keeps the token when none is given, and "no network" is a null endpoint', async () => {
    const { backend, dataDir } = openBackend();
    itAdminSession(backend);
    await must(backend, 'saveDeviceSettings', validSettings());
    expect(await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null, endpoint: null }))).toMatchObject({ tokenSet: true, endpoint: null });
    expect(fileSecretStore(dataDir).read('device-token')).toBe(TEST_TOKEN);
  });

  const refused: [string, Partial<MethodInput<'saveDeviceSettings'>>, string][] = [
    ['an empty office code', { officeCode: '  ' }, 'Mã đơn vị không được để trống'],
    ['an office code with spaces', { officeCode: '000 00 21' }, 'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _'],
    ['an empty office name', { officeName: '' }, 'Tên cơ quan không được để trống'],
    ['counter 0', { counterNumber: 0 }, 'Số quầy từ 1 đến 999'],
    ['counter 1000', { counterNumber: 1000 }, 'Số quầy từ 1 đến 999'],
    ['a fractional counter', { counterNumber: 2.5 }, 'Số quầy phải là số nguyên'],
    ['an unknown scale', { scaleId: 'vn-7' as 'vn-3' }, 'Thang đánh giá phải là 3, 4 hoặc 5 mức'],
    ['an unknown time zone', { timeZone: 'Asia/Sai_Gon' }, 'Múi giờ không hợp lệ'],
    ['a one-second thank-you', { thankYouSeconds: 1 }, 'Thời gian cảm ơn từ 2 đến 30 giây'],
    ['a burst limit of 1 a minute', { burstMaxPerMinute: 1 }, 'Số đánh giá tối đa trong một phút từ 2 đến 60'],
    ['a burst limit of 61 a minute', { burstMaxPerMinute: 61 }, 'Số đánh giá tối đa trong một phút từ 2 đến 60'],
    ['a fractional burst limit', { burstMaxPerMinute: 6.5 }, 'Số đánh giá tối đa trong một phút phải là số nguyên'],
    ['an ftp endpoint', { endpoint: 'ftp://dvc.example.gov.vn' }, 'Địa chỉ máy chủ trung tâm phải bắt đầu bằng http:// hoặc https://'],
    ['a short token', { deviceToken: 'abc' }, 'Token thiết bị quá ngắn (ít nhất 16 ký tự)'],
    ['a token with spaces', { deviceToken: 'abc def ghi jkl mno pqr' }, 'Token thiết bị chỉ gồm chữ không dấu, số, - và _'],
    ['a lower-case area code', { serviceAreas: [{ code: 'ho-tich', name: 'Hộ tịch', active: true }] }, 'Mã lĩnh vực: chữ in hoa, số, - hoặc _'],
    [
      'two areas with one code',
      { serviceAreas: [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }, { code: 'HO-TICH', name: 'Hộ tịch 2', active: true }] },
      'Mã lĩnh vực bị trùng: HO-TICH',
    ],
    ['a label of 201 characters', { kioskLabel: 'x'.repeat(201) }, 'Nhãn máy tối đa 200 ký tự'],
    ['English without Vietnamese', { languages: ['en'] }, 'Tiếng Việt luôn có và đứng đầu'],
    ['an unknown language', { languages: ['vi', 'fr' as 'en'] }, 'Ngôn ngữ chỉ có thể là vi hoặc en'],
    ['a language twice', { languages: ['vi', 'vi'] }, 'Ngôn ngữ bị trùng'],
    [
      'two reasons with one code',
      { reasons: [{ code: 'KHAC', label: 'Khác', labelEn: null }, { code: 'KHAC', label: 'Lý do khác', labelEn: null }] },
      'Mã lý do bị trùng: KHAC',
    ],
    ['a reason without text', { reasons: [{ code: 'KHAC', label: ' ', labelEn: null }] }, 'Nội dung lý do không được để trống'],
    ['a reason code with diacritics', { reasons: [{ code: 'LÝ-DO', label: 'Lý do', labelEn: null }] }, 'Mã lý do: chữ in hoa không dấu, số, - hoặc _ (tối đa 32 ký tự)'],
    [
      'thirteen reasons',
      { reasons: Array.from({ length: 13 }, (_, i) => ({ code: `R${i}`, label: `Lý do ${i}`, labelEn: null })) },
      'Tối đa 12 lý do (một màn hình cảm ứng)',
    ],
  ];

  it.each(refused)('refuses %s with a specific message and changes nothing', async (_what, patch, message) => {
    const { backend } = openBackend();
    itAdminSession(backend);
    const reply = await call(backend, 'saveDeviceSettings', validSettings(patch));
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!reply.ok && reply.error.detail).toContain(message);
    expect(await must(backend, 'getDeviceSettings', {})).toMatchObject({ needsSetup: true, tokenSet: false });
    expect(await must(backend, 'listSettingsAudit', { limit: 10 })).toEqual([]);
  });
});

describe('settings audit log', () => {
  it('records who changed what, old → new, with the token masked', async () => {
    const c = clock();
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false, now: c.now });
    itAdminSession(backend);
    await must(backend, 'saveDeviceSettings', validSettings());
    c.advance(60_000);
    await must(backend, 'saveDeviceSettings', validSettings({ counterNumber: 4, deviceToken: 'tok_second_0123456789abcdef' }));
    c.advance(60_000);
    await must(backend, 'saveDeviceSettings', validSettings({ counterNumber: 4, deviceToken: null })); // nothing changed

    const entries = (await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; oldValue: string | null; newValue: string | null; at: string; actorRole: string; via: string }[];
    const second = entries.filter((e) => e.at === '2026-11-25T02:01:00.000Z');
    expect(second.map((e) => [e.key, e.oldValue, e.newValue])).toEqual([
      ['deviceToken', MASKED_SECRET, MASKED_SECRET],
      ['counterNumber', '3', '4'],
    ]);
    const first = entries.filter((e) => e.at === '2026-11-25T02:00:00.000Z');
    expect(first.map((e) => e.key).sort()).toEqual(
      ['counterNumber', 'deviceToken', 'endpoint', 'kioskLabel', 'languages', 'officeCode', 'officeName', 'reasons', 'scaleId', 'serviceAreas', 'thankYouSeconds'].sort(),
    );
    expect(first.find((e) => e.key === 'deviceToken')).toMatchObject({ oldValue: null, newValue: MASKED_SECRET, actorRole: 'it-admin', via: 'setup-screen' });
    expect(first.find((e) => e.key === 'officeName')).toMatchObject({ oldValue: '"Bộ phận Tiếp nhận và Trả kết quả"', newValue: '"UBND xã Tân Lập – Bộ phận Một cửa"' });
    expect(entries.filter((e) => e.at === '2026-11-25T02:02:00.000Z')).toEqual([]);
    const raw = JSON.stringify(backend.context.db.prepare('SELECT * FROM settings_audit').all());
    expect(raw).not.toContain(TEST_TOKEN);
    expect(raw).not.toContain('tok_second_0123456789abcdef');
  });

  it('records start at login (off by default), one audit row per change, and keeps it when a form or a provisioning file leaves it out', async () => {
    const c = clock();
    const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: c.now });
    itAdminSession(backend);
    expect(await must(backend, 'saveDeviceSettings', validSettings())).toMatchObject({ startAtLogin: false });
    const auditOf = async () => ((await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; oldValue: string | null; newValue: string | null }[]).filter((e) => e.key === 'startAtLogin');
    expect(await auditOf()).toEqual([]);
    c.advance(60_000);
    expect(await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null, startAtLogin: true }))).toMatchObject({ startAtLogin: true });
    c.advance(60_000);
    await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null, startAtLogin: true }));
    // Left out (a form or tool written before the setting): kept, and no row.
    await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null }));
    const central = await fakeCentral();
    await must(backend, 'importProvisioningFile', { path: await central.provisioning(tempDataDir(), { deviceId: backend.context.deviceId }), confirmedFingerprint: central.fingerprint });
    expect(await must(backend, 'getDeviceSettings', {})).toMatchObject({ startAtLogin: true });
    expect((await auditOf()).map((e) => [e.oldValue, e.newValue])).toEqual([['false', 'true']]);
    await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null, startAtLogin: false }));
    expect((await auditOf()).map((e) => [e.oldValue, e.newValue])).toEqual([
      ['true', 'false'],
      ['false', 'true'],
    ]);
  });

  it('records the burst limit, keeps it when a form or a provisioning file leaves it out, and the intake follows it', async () => {
    const c = clock();
    const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: c.now });
    itAdminSession(backend);
    await must(backend, 'saveDeviceSettings', validSettings());
    c.advance(60_000);
    expect(await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null, burstMaxPerMinute: 3 }))).toMatchObject({ burstMaxPerMinute: 3 });
    const entries = (await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; oldValue: string | null; newValue: string | null; at: string }[];
    expect(entries.filter((e) => e.at === '2026-11-25T02:01:00.000Z').map((e) => [e.key, e.oldValue, e.newValue])).toEqual([['burstMaxPerMinute', '6', '3']]);
    c.advance(60_000);
    await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null }));
    const central = await fakeCentral();
    await must(backend, 'importProvisioningFile', { path: await central.provisioning(tempDataDir(), { deviceId: backend.context.deviceId }), confirmedFingerprint: central.fingerprint });
    expect(await must(backend, 'getDeviceSettings', {})).toMatchObject({ burstMaxPerMinute: 3 });
    const later = (await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; at: string }[];
    expect(later.filter((e) => e.key === 'burstMaxPerMinute')).toHaveLength(1);
    // The 4th rating within a minute (taps 6 s apart, the thank-you time) is flagged burst.
    for (let i = 0; i < 4; i++) {
      await must(backend, 'submitRating', { scale: 'vn-3', level: 1 });
      c.advance(6000);
    }
    const flags = backend.context.db.prepare('SELECT flags FROM ratings ORDER BY seq').pluck().all();
    expect(flags).toEqual(['[]', '[]', '[]', '["burst"]']);
  });

  it('records a provisioning file as such, token masked', async () => {
    const { backend } = openBackend();
    const central = await fakeCentral();
    const file = await central.provisioning(tempDataDir(), { deviceId: backend.context.deviceId });
    itAdminSession(backend);
    await must(backend, 'importProvisioningFile', { path: file, confirmedFingerprint: central.fingerprint });
    const entries = (await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; via: string; newValue: string | null }[];
    expect(entries.every((e) => e.via === 'provisioning-file')).toBe(true);
    expect(entries.find((e) => e.key === 'deviceToken')?.newValue).toBe(MASKED_SECRET);
    expect(JSON.stringify(entries)).not.toContain('prov_token_0123456789abcdefghijkl');
  });

  it('is append-only', async () => {
    const { backend } = openBackend();
    itAdminSession(backend);
    await must(backend, 'saveDeviceSettings', validSettings());
    expect(() => backend.context.db.prepare("UPDATE settings_audit SET new_value = 'x'").run()).toThrow(/append-only/);
    expect(() => backend.context.db.prepare('DELETE FROM settings_audit').run()).toThrow(/append-only/);
  });
});

describe('who may call the IT methods', () => {
  // The IT admin's alone. listUsbFolders and listImportableFiles are the section head's too (a
  // PIN reset file): tests/backend/access-policy.test.ts checks every method for every role.
  const itCalls: { [N in MethodName]?: MethodInput<N> } = {
    getDeviceSettings: {},
    saveDeviceSettings: validSettings(),
    listSettingsAudit: { limit: 5 },
    exportSyncFile: { folder: '/tmp' },
    importAckFile: { path: '/tmp/x.hlack' },
    importProvisioningFile: { path: '/tmp/x.hlprov' },
    exportEnrollmentFile: { folder: '/tmp' },
    getDiagnostics: {},
    runIntegrityCheck: {},
    exportDiagnosticsBundle: { folder: '/tmp' },
  };
  const names = Object.keys(itCalls) as MethodName[];

  it.each(names)('%s: SIGN_IN_REQUIRED without a session, FORBIDDEN for the section head and an officer', async (name) => {
    const { backend } = openBackend();
    const input = itCalls[name] as MethodInput<typeof name>;
    expect(await call(backend, name, input)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    sectionHeadSession(backend);
    expect(await call(backend, name, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    backend.staff.open({ subject: { kind: 'officer', officerId: '01900000-0000-7000-8000-0000000000aa' }, role: 'officer', officerId: '01900000-0000-7000-8000-0000000000aa', displayName: 'Lan', mustChangePin: false });
    expect(await call(backend, name, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('asks the IT admin to change the default PIN first', async () => {
    const { backend } = openBackend();
    await must(backend, 'staffSignIn', { subject: { kind: 'role', role: 'it-admin' }, pin: '123456' });
    expect(await call(backend, 'importProvisioningFile', { path: '/tmp/x.hlprov' })).toMatchObject({ ok: false, error: { code: 'PIN_CHANGE_REQUIRED' } });
    await must(backend, 'changePin', { currentPin: '123456', newPin: '73916482' });
    expect(await call(backend, 'getDeviceSettings', {})).toMatchObject({ ok: true });
  });

  it('keeps an officer signed in through the real flow forbidden too', async () => {
    const { backend } = openBackend();
    await addOfficer(backend, 'Nguyễn Thị Lan', 'CB01');
    expect(await call(backend, 'getDiagnostics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
