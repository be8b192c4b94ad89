// The report path on the kiosk (issue 15): which reasons are on it (the usual PHIEN-HA unless IT
// says otherwise, in every place settings come from), where to report (an office setting), the
// reference code submitReasons returns only after such a reason, and the staff lookup of it.
import { describe, expect, it } from 'vitest';
import { reasonSchema, type ReasonInput } from '../../shared/citizen-options';
import { defaultReasons } from '../../shared/default-reasons';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { defaultReportContact, reportContactSchema } from '../../shared/report-contact';
import { officeSettingsFileSchema } from '../../shared/sync-files/provisioning-file';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession, validSettings } from '../support/it-admin-fixture';
import { addOfficer, call, must, sectionHeadSession } from '../support/staff-fixture';

function openBackend() {
  const logger = capturingLogger();
  const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: manualClock('2026-11-25T02:00:00.000Z').now, log: logger.log });
  return { backend, logLines: logger.lines };
}

async function negative(backend: ReturnType<typeof openBackend>['backend'], codes: string[]) {
  const rating = (await must(backend, 'submitRating', { scale: 'vn-3', level: 3 })) as { id: string };
  const answer = (await must(backend, 'submitReasons', { ratingId: rating.id, reasonCodes: codes })) as { id: string; referenceCode: string | null };
  return { ratingId: rating.id, referenceCode: answer.referenceCode };
}

describe('reportPath on a reason', () => {
  it('left out: true for the usual PHIEN-HA only; written: kept as written', () => {
    const parse = (r: ReasonInput) => reasonSchema.parse(r).reportPath;
    expect(parse({ code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu', labelEn: null })).toBe(true);
    expect(parse({ code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', labelEn: null })).toBe(false);
    expect(parse({ code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu', labelEn: null, reportPath: false })).toBe(false);
    expect(parse({ code: 'TIEU-CUC', label: 'Đòi tiền, quà', labelEn: null, reportPath: true })).toBe(true);
    expect(reasonSchema.safeParse({ code: 'X', label: 'x', labelEn: null, reportPath: 'yes' }).error?.issues[0]?.message).toBe('Hướng dẫn phản ánh phải là bật hoặc tắt');
    expect(defaultReasons.filter((r) => r.reportPath).map((r) => r.code)).toEqual(['PHIEN-HA']);
  });

  it('settings stored before the property existed read with the usual value', () => {
    const { backend } = openBackend();
    const older = defaultReasons.map(({ code, label, labelEn }) => ({ code, label, labelEn }));
    saveKioskSettings(backend.context.db, { officeName: 'UBND phường Hải Châu' });
    backend.context.db.prepare("UPDATE settings SET value = json_set(value, '$.reasons', json(?)) WHERE key = 'kiosk'").run(JSON.stringify(older));
    const stored = backend.context.db.prepare("SELECT json_extract(value, '$.reasons[5]') AS r FROM settings WHERE key = 'kiosk'").pluck().get();
    expect(JSON.parse(stored as string)).toEqual({ code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu', labelEn: 'Harassment or request for favours' });
    return must(backend, 'getHomeScreen', {}).then((home) => {
      expect((home as { reasons: { code: string; reportPath: boolean }[] }).reasons.filter((r) => r.reportPath).map((r) => r.code)).toEqual(['PHIEN-HA']);
    });
  });

  it('IT marks another reason on the setup screen and through a provisioning file', async () => {
    const { backend } = openBackend();
    itAdminSession(backend);
    await must(backend, 'saveDeviceSettings', validSettings({ reasons: [{ code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: null, reportPath: true }, { code: 'PHIEN-HA', label: 'Gây phiền hà', labelEn: null }] }));
    const saved = (await must(backend, 'getDeviceSettings', {})) as { reasons: { code: string; reportPath: boolean }[] };
    expect(saved.reasons.map((r) => [r.code, r.reportPath])).toEqual([
      ['CHO-LAU', true],
      ['PHIEN-HA', true],
    ]);

    const central = await fakeCentral();
    const file = await central.provisioning(tempDataDir(), {
      deviceId: backend.context.deviceId,
      reasons: [reasonSchema.parse({ code: 'KHAC', label: 'Lý do khác', labelEn: null, reportPath: true }), reasonSchema.parse({ code: 'PHIEN-HA', label: 'Gây phiền hà', labelEn: null, reportPath: false })],
      reportContact: { hotline: '0236 1022', place: 'Trung tâm Phục vụ hành chính công thành phố', placeEn: null },
    });
    await must(backend, 'importProvisioningFile', { path: file, confirmedFingerprint: central.fingerprint });
    const home = (await must(backend, 'getHomeScreen', {})) as { reasons: { code: string; reportPath: boolean }[]; reportContact: unknown };
    expect(home.reasons.map((r) => [r.code, r.reportPath])).toEqual([
      ['KHAC', true],
      ['PHIEN-HA', false],
    ]);
    expect(home.reportContact).toEqual({ hotline: '0236 1022', place: 'Trung tâm Phục vụ hành chính công thành phố', placeEn: null });
  });
});

describe('reportContact', () => {
  it('defaults to the national portal with no phone number, and reaches the home screen', async () => {
    const { backend } = openBackend();
    expect(defaultReportContact.hotline).toBeNull();
    expect((await must(backend, 'getHomeScreen', {})) as object).toMatchObject({ reportContact: defaultReportContact });
  });

  it('is checked with Vietnamese messages; left out of a save or a file, the kiosk keeps its own', async () => {
    const { backend } = openBackend();
    itAdminSession(backend);
    const bad = await call(backend, 'saveDeviceSettings', validSettings({ reportContact: { hotline: 'gọi 1022', place: '', placeEn: null } }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const detail = JSON.stringify(bad);
    expect(detail).toContain('Đường dây nóng: ít nhất 3 chữ số');
    expect(detail).toContain('Nơi tiếp nhận phản ánh không được để trống');
    expect(reportContactSchema.safeParse({ hotline: '1900 1234', place: 'x'.repeat(201), placeEn: null }).error?.issues[0]?.message).toBe('Nơi tiếp nhận phản ánh tối đa 200 ký tự');

    const mine = { hotline: '(0236) 1022', place: 'Trung tâm Phục vụ hành chính công', placeEn: 'Public Administration Service Centre' };
    await must(backend, 'saveDeviceSettings', validSettings({ reportContact: mine }));
    await must(backend, 'saveDeviceSettings', validSettings());
    expect((await must(backend, 'getDeviceSettings', {})) as object).toMatchObject({ reportContact: mine });
    const audit = (await must(backend, 'listSettingsAudit', { limit: 50 })) as { key: string }[];
    expect(audit.filter((e) => e.key === 'reportContact')).toHaveLength(1);

    expect(officeSettingsFileSchema.parse({}).reportContact).toBeUndefined();
    expect(officeSettingsFileSchema.parse({ reportContact: mine }).reportContact).toEqual(mine);
    expect(officeSettingsFileSchema.safeParse({ reportContact: { ...mine, hotline: 'abc' } }).success).toBe(false);
  });
});

describe('submitReasons and the reference code', () => {
  it('returns the rating’s code only when a chosen reason is on the report path', async () => {
    const { backend } = openBackend();
    const harassment = await negative(backend, ['CHO-LAU', 'PHIEN-HA']);
    expect(harassment.referenceCode).toBe(referenceCodeOf(harassment.ratingId));
    expect(harassment.referenceCode).toMatch(/^HL-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect((await negative(backend, ['CHO-LAU', 'KHAC'])).referenceCode).toBeNull();

    // IT puts "Thời gian chờ lâu" on the path and takes PHIEN-HA off.
    saveKioskSettings(backend.context.db, { reasons: defaultReasons.map((r) => ({ ...r, reportPath: r.code === 'CHO-LAU' })) });
    expect((await negative(backend, ['PHIEN-HA'])).referenceCode).toBeNull();
    const waited = await negative(backend, ['CHO-LAU']);
    expect(waited.referenceCode).toBe(referenceCodeOf(waited.ratingId));
  });

  it('a refused answer gives no code', async () => {
    const { backend } = openBackend();
    const { ratingId } = await negative(backend, ['PHIEN-HA']);
    expect(await call(backend, 'submitReasons', { ratingId, reasonCodes: ['PHIEN-HA'] })).toMatchObject({ ok: false, error: { code: 'REASONS_ALREADY_GIVEN' } });
  });
});

describe('findRatingByReference', () => {
  it('finds the rating from the code as a person types it: time, level, officer, area, reasons; logged with who asked', async () => {
    const { backend, logLines } = openBackend();
    const officer = await addOfficer(backend, 'Trần Thị Mai', 'CB07');
    await must(backend, 'startShift', { serviceCode: 'HO-TICH' });
    backend.staff.close();
    await must(backend, 'submitRating', { scale: 'vn-3', level: 1 });
    const { ratingId, referenceCode } = await negative(backend, ['THAI-DO', 'PHIEN-HA']);
    if (referenceCode === null) throw new Error('no code');

    sectionHeadSession(backend);
    const typed = referenceCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'i');
    const found = (await must(backend, 'findRatingByReference', { referenceCode: typed })) as { referenceCode: string; ratings: Record<string, unknown>[] };
    expect(found.referenceCode).toBe(referenceCode);
    expect(found.ratings).toEqual([
      {
        ratingId,
        deviceId: backend.context.deviceId,
        createdAt: '2026-11-25T09:00:00.000+07:00',
        scale: 'vn-3',
        level: 3,
        officerName: officer.name,
        serviceCode: 'HO-TICH',
        serviceName: 'Hộ tịch',
        dossierCode: null,
        reasons: [
          { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' },
          { code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu' },
        ],
        flags: expect.any(Array) as unknown,
      },
    ]);
    expect(logLines().filter((l) => l.msg === 'reference code looked up')).toEqual([expect.objectContaining({ role: 'section-head', referenceCode, found: 1 })]);

    backend.staff.close();
    itAdminSession(backend);
    expect(await call(backend, 'findRatingByReference', { referenceCode })).toMatchObject({ ok: true });
  });

  it('answers REFERENCE_NOT_FOUND for a well-formed code of no rating, and for a rating whose code was never shown', async () => {
    const { backend } = openBackend();
    const { referenceCode } = await negative(backend, ['PHIEN-HA']);
    const satisfied = (await must(backend, 'submitRating', { scale: 'vn-3', level: 1 })) as { id: string };
    sectionHeadSession(backend);
    expect(await call(backend, 'findRatingByReference', { referenceCode: 'HL-00000-00000' })).toEqual({
      ok: false,
      error: { code: 'REFERENCE_NOT_FOUND', message: 'Không tìm thấy đánh giá nào có mã phản ánh này trên máy. Hãy kiểm tra lại từng ký tự.' },
    });
    // No reason answer, so no code was ever shown for it: it does not resolve.
    expect(await call(backend, 'findRatingByReference', { referenceCode: referenceCodeOf(satisfied.id) })).toMatchObject({ ok: false, error: { code: 'REFERENCE_NOT_FOUND' } });
    // Exact codes only: a prefix, a pattern or a near miss does not list anything.
    if (referenceCode === null) throw new Error('no code');
    for (const attempt of [referenceCode.slice(0, 8), `${referenceCode.slice(0, 13)}%`, '*', '']) {
      expect(await call(backend, 'findRatingByReference', { referenceCode: attempt })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const nearMiss = referenceCode.slice(0, -1) + (referenceCode.endsWith('0') ? '2' : '0');
    expect(await call(backend, 'findRatingByReference', { referenceCode: nearMiss })).toMatchObject({ ok: false, error: { code: 'REFERENCE_NOT_FOUND' } });
  });

  it('is not for the public screen nor for an officer: it reveals ratings', async () => {
    const { backend } = openBackend();
    const { referenceCode } = await negative(backend, ['PHIEN-HA']);
    if (referenceCode === null) throw new Error('no code');
    expect(await call(backend, 'findRatingByReference', { referenceCode })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    await addOfficer(backend, 'Lê Văn Hùng', 'CB08');
    expect(await call(backend, 'findRatingByReference', { referenceCode })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
