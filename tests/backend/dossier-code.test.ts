// The dossier code (issue 15): the format rule, one rating per dossier (also two taps at once and
// a stuffer scanning one receipt again and again), required mode with and without "Không có mã
// hồ sơ", and the code reaching the stored row, the sync wire and the exports — never the log.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { dispatch } from '../../electron/backend/dispatch';
import { isDossierRated } from '../../electron/backend/dossier-codes-repo';
import { migrations } from '../../electron/backend/migrations';
import { listRatings } from '../../electron/backend/ratings-repo';
import { readKioskSettings, saveKioskSettings } from '../../electron/backend/settings-repo';
import { nextBatch } from '../../electron/backend/sync/outbox-repo';
import { defaultDossierSettings, dossierSettingsSchema, type DossierSettings } from '../../shared/dossier-code';
import { checkDossierCode, dossierPatternProblem, dossierPresets } from '../../shared/dossier-code-format';
import { MAX_BATCH_BYTES, MAX_BATCH_RATINGS, wireRatingSchema } from '../../shared/sync/wire';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { must, sectionHeadSession } from '../support/staff-fixture';

const CODE = '000.00.12.H34-261122-0001';

function kiosk(dossier: Partial<DossierSettings> = {}, extra: Partial<Parameters<typeof openTestBackend>[0]> = {}) {
  const backend = openTestBackend({ dataDir: tempDataDir(), now: manualClock('2026-11-22T02:00:00.000Z').now, ...extra });
  saveKioskSettings(backend.context.db, { dossier: { ...defaultDossierSettings, ...dossier } });
  return backend;
}
const rate = (backend: ReturnType<typeof kiosk>, dossierCode?: string) =>
  dispatch(backend.endpoint, 'submitRating', dossierCode === undefined ? { scale: 'vn-3', level: 1 } : { scale: 'vn-3', level: 1, dossierCode });
const errorCode = (reply: { ok: boolean; error?: { code: string } }) => (reply.ok ? 'ok' : reply.error?.code);

describe('the dossier code format rule (shared, also the citizen screen’s)', () => {
  const rule = (patch: Partial<DossierSettings> = {}) => ({ ...defaultDossierSettings, ...patch });

  it('one-stop preset: the national receipt code, trimmed and upper-cased; junk refused', () => {
    const oneStop = rule({ format: 'one-stop' });
    expect(checkDossierCode(`  ${CODE.toLowerCase()}\r\n`, oneStop)).toEqual({ ok: true, code: CODE });
    expect(checkDossierCode(dossierPresets['one-stop'].example, oneStop)).toEqual({ ok: true, code: dossierPresets['one-stop'].example });
    for (const junk of ['000.00.12.H34-261322-0001' /* month 13 */, '000.00.12.H34-261122-001', 'HS-0001', '', `${CODE}X`, `X${CODE}`]) {
      expect(checkDossierCode(junk, oneStop), junk).toEqual({ ok: false, problem: 'invalid' });
    }
  });

  it('loose preset: 4–40 letters, digits, . - /, never starting like a spreadsheet formula', () => {
    expect(checkDossierCode('hs-2026/001234', rule())).toEqual({ ok: true, code: 'HS-2026/001234' });
    for (const junk of ['ABC', 'A'.repeat(41), '=HYPERLINK("x")', '-1+2', '@SUM(A1)', 'HS 001', 'HỒ-SƠ-1', 'AB\u0000CD', 'AB\tCD', 'AB\u202eCD']) {
      expect(checkDossierCode(junk, rule()), junk).toEqual({ ok: false, problem: 'invalid' });
    }
  });

  it('custom pattern: anchored, case-insensitive after upper-casing; control characters refused whatever it allows', () => {
    const custom = rule({ format: 'custom', customPattern: 'HCM-[0-9]{6}' });
    expect(checkDossierCode('hcm-123456', custom)).toEqual({ ok: true, code: 'HCM-123456' });
    expect(checkDossierCode('XHCM-123456', custom).ok).toBe(false);
    expect(checkDossierCode('HCM-1234567', custom).ok).toBe(false);
    expect(checkDossierCode('A\u0007B', rule({ format: 'custom', customPattern: '[\\s\\S]+' })).ok).toBe(false);
    expect(checkDossierCode('A'.repeat(101), rule({ format: 'custom', customPattern: 'A+' })).ok).toBe(false);
  });

  it('a custom pattern must compile, be bounded, not match nothing, not nest quantifiers', () => {
    expect(dossierPatternProblem('HS-[0-9]{4}')).toBeNull();
    expect(dossierPatternProblem('HS-[0-9')).toMatch(/không phải biểu thức/);
    expect(dossierPatternProblem('A'.repeat(201))).toMatch(/tối đa 200/);
    expect(dossierPatternProblem('A*')).toMatch(/mã rỗng/);
    expect(dossierPatternProblem('(A+)+B')).toMatch(/lồng nhau/);
    expect(dossierPatternProblem('  ')).toMatch(/để trống/);
    const parsed = dossierSettingsSchema.safeParse({ ...defaultDossierSettings, format: 'custom', customPattern: '(' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['customPattern']);
    expect(dossierSettingsSchema.safeParse({ ...defaultDossierSettings, capture: false, required: true }).success).toBe(false);
  });

  it('an old kiosk without the setting reads the defaults: capture on, not required, not one per dossier', () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const older = Object.fromEntries(Object.entries(readKioskSettings(backend.context.db)).filter(([key]) => key !== 'dossier'));
    backend.context.db.prepare("INSERT INTO settings (key, value) VALUES ('kiosk', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ ...older, officeName: 'UBND xã Đông Hòa' }));
    expect(readKioskSettings(backend.context.db)).toMatchObject({ officeName: 'UBND xã Đông Hòa', dossier: defaultDossierSettings });
    expect(defaultDossierSettings).toMatchObject({ capture: true, required: false, onePerDossier: false, allowNoCode: true });
  });
});

describe('submitRating with a dossier code', () => {
  it('stores the normalised code on the rating, in its wire record and in the CSV export', async () => {
    const backend = kiosk({ format: 'one-stop' });
    expect(errorCode(await rate(backend, ` ${CODE.toLowerCase()} `))).toBe('ok');
    expect(listRatings(backend.context.db).map((r) => r.dossier_code)).toEqual([CODE]);
    const { ratings } = nextBatch(backend.context.db, MAX_BATCH_RATINGS, MAX_BATCH_BYTES);
    expect(ratings.map((r) => r.dossierCode)).toEqual([CODE]);
    expect(wireRatingSchema.safeParse(ratings[0]).success).toBe(true);
    sectionHeadSession(backend);
    const file = (await must(backend, 'exportReport', { range: { from: '2026-11-22', to: '2026-11-22' }, format: 'csv', includeFlagged: false })) as { base64: string };
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv).toContain('Mã hồ sơ');
    expect(csv).toContain(CODE);
  });

  it('refuses a malformed code kindly (typed), stores nothing, and never logs the code', async () => {
    const { log, lines } = capturingLogger();
    const backend = kiosk({ format: 'one-stop' }, { log });
    const reply = await rate(backend, 'SECRET-CITIZEN-42');
    expect(reply).toEqual({ ok: false, error: { code: 'DOSSIER_CODE_INVALID', message: 'Mã hồ sơ chưa đúng định dạng. Xin kiểm tra lại mã trên phiếu hẹn.' } });
    expect(errorCode(await rate(backend, 'x'.repeat(10_000)))).toBe('INVALID_INPUT');
    expect(errorCode(await rate(backend, '=cmd|/c calc!A1'))).toBe('DOSSIER_CODE_INVALID');
    expect(listRatings(backend.context.db)).toHaveLength(0);
    expect(JSON.stringify(lines())).not.toContain('SECRET-CITIZEN-42');
  });

  it('a code an office pattern lets start like a formula is defused in the CSV export (leading apostrophe)', async () => {
    const backend = kiosk({ format: 'custom', customPattern: '[=A-Z0-9+]{3,20}' });
    expect(errorCode(await rate(backend, '=1+2'))).toBe('ok');
    sectionHeadSession(backend);
    const file = (await must(backend, 'exportReport', { range: { from: '2026-11-22', to: '2026-11-22' }, format: 'csv', includeFlagged: false })) as { base64: string };
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv).toContain(",'=1+2,");
    expect(csv).not.toMatch(/(^|,)=1\+2/m);
  });

  it('refuses any code while capture is off', async () => {
    const backend = kiosk({ capture: false });
    expect(errorCode(await rate(backend, 'HS-0001'))).toBe('DOSSIER_CODE_INVALID');
    expect(errorCode(await rate(backend))).toBe('ok');
  });

  it('one rating per dossier: the second is refused, also a stuffer scanning the same receipt again and again', async () => {
    const backend = kiosk({ onePerDossier: true });
    expect(errorCode(await rate(backend, 'HS-0001'))).toBe('ok');
    for (let i = 0; i < 20; i += 1) expect(errorCode(await rate(backend, i % 2 === 0 ? 'HS-0001' : ' hs-0001 '))).toBe('DOSSIER_ALREADY_RATED');
    expect(await dispatch(backend.endpoint, 'checkDossierCode', { dossierCode: 'hs-0001' })).toEqual({ ok: false, error: { code: 'DOSSIER_ALREADY_RATED', message: 'Hồ sơ này đã được đánh giá.' } });
    expect(await dispatch(backend.endpoint, 'checkDossierCode', { dossierCode: 'hs-0002' })).toEqual({ ok: true, data: { dossierCode: 'HS-0002' } });
    expect(errorCode(await rate(backend, 'HS-0002'))).toBe('ok');
    expect(listRatings(backend.context.db).map((r) => r.dossier_code)).toEqual(['HS-0001', 'HS-0002']);
  });

  it('one rating per dossier: taps at the same moment, on the same and on a second connection, store exactly one', async () => {
    const dataDir = tempDataDir();
    const first = openTestBackend({ dataDir });
    saveKioskSettings(first.context.db, { dossier: { ...defaultDossierSettings, onePerDossier: true } });
    const second = openTestBackend({ dataDir, autoSync: false });
    const replies = await Promise.all([...Array(6).keys()].map((i) => rate(i % 2 === 0 ? first : second, 'HS-7777')));
    expect(replies.map(errorCode).sort()).toEqual(['DOSSIER_ALREADY_RATED', 'DOSSIER_ALREADY_RATED', 'DOSSIER_ALREADY_RATED', 'DOSSIER_ALREADY_RATED', 'DOSSIER_ALREADY_RATED', 'ok']);
    expect(listRatings(first.context.db).filter((r) => r.dossier_code === 'HS-7777')).toHaveLength(1);
  });

  it('off (the default): the same dossier may be rated again', async () => {
    const backend = kiosk();
    expect([errorCode(await rate(backend, 'HS-0001')), errorCode(await rate(backend, 'HS-0001'))]).toEqual(['ok', 'ok']);
  });

  it('required without "Không có mã hồ sơ": a rating without a code is refused; with it, stored without one', async () => {
    const strict = kiosk({ required: true, allowNoCode: false });
    expect(await rate(strict)).toEqual({ ok: false, error: { code: 'DOSSIER_CODE_REQUIRED', message: 'Cần mã hồ sơ trước khi đánh giá.' } });
    expect(errorCode(await rate(strict, 'HS-0001'))).toBe('ok');
    const lenient = kiosk({ required: true, allowNoCode: true });
    expect(errorCode(await rate(lenient))).toBe('ok');
    expect(listRatings(lenient.context.db).map((r) => r.dossier_code)).toEqual([null]);
  });

  it('the home screen tells the citizen screen the rule', async () => {
    const backend = kiosk({ required: true, allowNoCode: false, format: 'one-stop' });
    expect((await backend.handlers.getHomeScreen({})).dossier).toEqual({ ...defaultDossierSettings, required: true, allowNoCode: false, format: 'one-stop' });
  });
});

describe('migration 014: the dossier code index', () => {
  it('is added to a version 13 database and used by the one-per-dossier check', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 13));
    migrate(db, migrations.slice(0, 14));
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM ratings WHERE dossier_code = ? LIMIT 1').all('HS-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('ratings_dossier_code');
    expect(isDossierRated(db, 'HS-1')).toBe(false);
    db.close();
  });
});
