// Issue 10: a kiosk set up from the screen. The IT admin (default PIN, changed at first sign-in)
// saves the setup and may give the section head an initial PIN on the PIN pad, to be changed at
// the section head's first sign-in. Saving the setup (or a provisioning file) ends the default PIN
// for every role, and each default PIN it deletes is audited ('default-pin-ended', migration 011).
import { describe, expect, it } from 'vitest';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { importProvisioningFile } from '../../electron/backend/sync-files/provisioning-import';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, validSettings } from '../support/it-admin-fixture';
import { call, IT_ADMIN, SECTION_HEAD } from '../support/staff-fixture';

const IT_PIN = '582047';
const INITIAL_HEAD_PIN = '731946';

const signIn = async (backend: KioskBackend, subject: typeof SECTION_HEAD | typeof IT_ADMIN, pin: string) => {
  const reply = await call(backend, 'staffSignIn', { subject, pin });
  return reply.ok ? { ok: true, mustChangePin: (reply.data as { mustChangePin: boolean }).mustChangePin } : { code: reply.error.code };
};

async function itAdminSignedIn(backend: KioskBackend) {
  expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ ok: true, mustChangePin: true });
  expect((await call(backend, 'changePin', { currentPin: '123456', newPin: IT_PIN })).ok).toBe(true);
}

const pinAudit = (backend: KioskBackend) => backend.context.db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all() as Record<string, unknown>[];
const needsSetup = async (backend: KioskBackend) => ((await call(backend, 'getSetupState', {})) as { data: { needsSetup: boolean } }).data.needsSetup;

describe('setup from the screen: the section head’s initial PIN', () => {
  it('is set with the setup, must be changed at first sign-in, and the default PIN is gone', async () => {
    const logger = capturingLogger();
    const backend = openTestBackend({ dataDir: tempDataDir(), log: logger.log });
    // Before setup the section head tried 123456 and walked away: that default PIN ends too.
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ ok: true, mustChangePin: true });
    await call(backend, 'staffSignOut', {});
    await itAdminSignedIn(backend);
    expect((await call(backend, 'saveDeviceSettings', { ...validSettings(), sectionHeadInitialPin: INITIAL_HEAD_PIN })).ok).toBe(true);
    await call(backend, 'staffSignOut', {});

    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, SECTION_HEAD, INITIAL_HEAD_PIN)).toEqual({ ok: true, mustChangePin: true });
    expect((await call(backend, 'changePin', { currentPin: INITIAL_HEAD_PIN, newPin: '480275' })).ok).toBe(true);
    await call(backend, 'staffSignOut', {});
    expect(await signIn(backend, SECTION_HEAD, INITIAL_HEAD_PIN)).toEqual({ code: 'PIN_WRONG' });

    const audit = pinAudit(backend);
    expect(audit.map((r) => [r.event, r.subject, r.via, r.actor_role, r.actor_name])).toEqual([
      ['default-pin-ended', 'role:section-head', 'setup-screen', 'it-admin', 'Cán bộ CNTT'],
      ['initial-pin', 'role:section-head', 'setup-screen', 'it-admin', 'Cán bộ CNTT'],
    ]);
    const everything = JSON.stringify(audit) + JSON.stringify(logger.lines());
    for (const secret of [INITIAL_HEAD_PIN, '480275', IT_PIN, 'scrypt$']) expect(everything).not.toContain(secret);
  });

  it('audits the default PIN it deletes: which role, when, who saved the setup, via the setup screen', async () => {
    const clock = manualClock('2026-11-29T02:30:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    // The section head tried 123456 before setup and walked away: the default PIN is stored.
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ ok: true, mustChangePin: true });
    await call(backend, 'staffSignOut', {});
    await itAdminSignedIn(backend);
    clock.advance(60_000);
    expect((await call(backend, 'saveDeviceSettings', validSettings())).ok).toBe(true);
    await call(backend, 'staffSignOut', {});

    expect(pinAudit(backend)).toEqual([
      {
        id: 1,
        at: '2026-11-29T02:31:00.000Z',
        event: 'default-pin-ended',
        subject: 'role:section-head',
        failures: null,
        retry_at: null,
        actor_role: 'it-admin',
        actor_officer_id: null,
        actor_name: 'Cán bộ CNTT',
        via: 'setup-screen',
      },
    ]);
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
    // Saved again: nothing left to end, no second row.
    expect(await signIn(backend, IT_ADMIN, IT_PIN)).toEqual({ ok: true, mustChangePin: false });
    expect((await call(backend, 'saveDeviceSettings', { ...validSettings(), counterNumber: 4 })).ok).toBe(true);
    expect(pinAudit(backend).map((r) => r.event)).toEqual(['default-pin-ended']);
  });

  it('without one, a section head who never signed in has no PIN after setup (reset-pin recovers it)', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    await itAdminSignedIn(backend);
    expect((await call(backend, 'saveDeviceSettings', validSettings())).ok).toBe(true);
    await call(backend, 'staffSignOut', {});
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
    expect(pinAudit(backend)).toEqual([]);
  });

  it('refuses a weak initial PIN, or one for a section head who chose a PIN, and saves nothing', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ ok: true, mustChangePin: true });
    expect((await call(backend, 'changePin', { currentPin: '123456', newPin: '480275' })).ok).toBe(true);
    await call(backend, 'staffSignOut', {});
    await itAdminSignedIn(backend);

    for (const weak of ['123456', '111111', '654321']) {
      expect(await call(backend, 'saveDeviceSettings', { ...validSettings(), sectionHeadInitialPin: weak })).toMatchObject({ ok: false, error: { code: 'PIN_TOO_WEAK' } });
    }
    expect(await call(backend, 'saveDeviceSettings', { ...validSettings(), sectionHeadInitialPin: '12345' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(backend, 'saveDeviceSettings', { ...validSettings(), sectionHeadInitialPin: INITIAL_HEAD_PIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', detail: 'Trưởng bộ phận đã tự đặt mã PIN: không đặt lại ở đây.' },
    });
    expect(await needsSetup(backend)).toBe(true);
    await call(backend, 'staffSignOut', {});
    expect(await signIn(backend, SECTION_HEAD, '480275')).toEqual({ ok: true, mustChangePin: false });
    expect(pinAudit(backend)).toEqual([]);
  });
});

describe('setup from a provisioning file: the default PIN it deletes is audited too', () => {
  it.each([
    ['the IT screen', 'provisioning-file'],
    ['the kiosk CLI', 'kiosk-cli'],
  ] as const)('via %s', async (_from, via) => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir });
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ ok: true, mustChangePin: true });
    await call(backend, 'staffSignOut', {});
    const center = await fakeCentral();
    const file = await center.provisioning(dataDir, { deviceId: backend.context.deviceId });
    const actor = { role: 'it-admin' as const, officerId: null, name: 'Cán bộ CNTT' };
    await importProvisioningFile({ db: backend.context.db, secrets: fileSecretStore(dataDir), file, now: () => new Date(), audit: { actor, via }, confirmedFingerprint: center.fingerprint });

    expect(pinAudit(backend).map((r) => [r.event, r.subject, r.via, r.actor_role, r.actor_name])).toEqual([
      ['default-pin-ended', 'role:section-head', via, 'it-admin', 'Cán bộ CNTT'],
    ]);
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
  });
});
