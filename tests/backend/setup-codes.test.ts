// Issue 10, "no default PIN on a provisioned kiosk". The attack: `kiosk import-provisioning` of a
// file made by `central provision`, then IT sign-in with 123456 → the IT area opened. Now the
// default PIN exists only until IT staff set the kiosk up; `central provision` prints one-time
// setup codes whose scrypt hashes the file carries; each works once and forces a new PIN.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE, type KioskBackend } from '../../electron/backend/kiosk-backend';
import { ensureDeviceId } from '../../electron/backend/settings-repo';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral } from '../support/it-admin-fixture';
import { call, IT_ADMIN, SECTION_HEAD } from '../support/staff-fixture';
import { importProvisioningFile } from '../../electron/backend/sync-files/provisioning-import';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { runCentral as central, runKiosk as kiosk } from '../support/cli-runners';



function kioskDeviceId(dataDir: string): string {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return ensureDeviceId(db);
  } finally {
    db.close();
  }
}

const signIn = async (backend: KioskBackend, subject: typeof SECTION_HEAD | typeof IT_ADMIN, pin: string) => {
  const reply = await call(backend, 'staffSignIn', { subject, pin });
  return reply.ok ? { ok: true, mustChangePin: (reply.data as { mustChangePin: boolean }).mustChangePin } : { code: reply.error.code };
};

function pinAudit(backend: KioskBackend) {
  return backend.context.db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all() as Record<string, unknown>[];
}

/** central device add → central provision → kiosk import-provisioning, all real files and CLIs. */
async function provisionedByCli() {
  const centralDir = tempDataDir();
  const kioskDir = tempDataDir();
  const deviceId = kioskDeviceId(kioskDir);
  expect((await central(centralDir, 'device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--device-id', deviceId)).code).toBe(0);
  const file = join(centralDir, 'quay-3.hlprov');
  const provisioned = await central(centralDir, 'provision', '--device', deviceId, '--out', file, '--office-name', 'UBND xã Tân Lập', '--no-network');
  expect(provisioned).toMatchObject({ code: 0, err: '' });
  const codes = {
    head: /^SETUP_CODE_SECTION_HEAD=(\d{10})$/m.exec(provisioned.out)?.[1] ?? '',
    it: /^SETUP_CODE_IT_ADMIN=(\d{10})$/m.exec(provisioned.out)?.[1] ?? '',
  };
  expect(codes.head).toMatch(/^\d{10}$/);
  expect(codes.it).toMatch(/^\d{10}$/);
  expect(codes.head).not.toBe(codes.it);
  // The file carries the hashes, never the codes.
  const bytes = readFileSync(file, 'latin1');
  expect(bytes).not.toContain(codes.head);
  expect(bytes).not.toContain(codes.it);
  expect(bytes).toMatch(/"setupCodes":\{"section-head":"scrypt\$32768\$8\$1\$/);

  const fingerprint = /^CENTRAL_KEY_FINGERPRINT=(.+)$/m.exec(provisioned.out)?.[1] ?? '';
  const imported = await kiosk(kioskDir, 'import-provisioning', file, '--fingerprint', fingerprint);
  expect(imported).toMatchObject({ code: 0, err: [] });
  expect(imported.out.join('\n')).not.toContain(codes.head);
  return { kioskDir, codes };
}

describe('a kiosk provisioned with the CLIs has no default PIN', () => {
  it('refuses 123456 for every role; each setup code works once and forces a new PIN; audited without codes or hashes', async () => {
    const { kioskDir, codes } = await provisionedByCli();
    const logger = capturingLogger();
    const backend = openTestBackend({ dataDir: kioskDir, log: logger.log });

    // The attack: the default PIN of a provisioned kiosk. Refused like any wrong PIN, for both roles.
    expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
    // One role's code is not the other's.
    expect(await signIn(backend, IT_ADMIN, codes.head)).toEqual({ code: 'PIN_WRONG' });

    // The section head's code: one sign-in, which must change the PIN before anything else.
    expect(await signIn(backend, SECTION_HEAD, codes.head)).toEqual({ ok: true, mustChangePin: true });
    expect(await call(backend, 'listOfficers', {})).toMatchObject({ ok: false, error: { code: 'PIN_CHANGE_REQUIRED' } });
    expect(await call(backend, 'changePin', { currentPin: codes.head, newPin: '480275' })).toMatchObject({ ok: true, data: { mustChangePin: false } });
    await call(backend, 'staffSignOut', {});
    expect(await signIn(backend, SECTION_HEAD, codes.head)).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, SECTION_HEAD, '480275')).toEqual({ ok: true, mustChangePin: false });
    await call(backend, 'staffSignOut', {});

    // The IT admin's code: used once (the session ends without a change), then never again.
    expect(await signIn(backend, IT_ADMIN, codes.it)).toEqual({ ok: true, mustChangePin: true });
    await call(backend, 'staffSignOut', {});
    expect(await signIn(backend, IT_ADMIN, codes.it)).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ code: 'PIN_WRONG' });

    const audit = pinAudit(backend);
    expect(audit.map((r) => [r.event, r.subject, r.via])).toEqual([
      ['setup-code', 'role:section-head', 'kiosk-cli'],
      ['setup-code', 'role:it-admin', 'kiosk-cli'],
      ['setup-code-used', 'role:section-head', 'staff-area'],
      ['setup-code-used', 'role:it-admin', 'staff-area'],
    ]);
    expect(audit[0]).toMatchObject({ actor_role: 'it-admin', actor_name: expect.stringMatching(/^dòng lệnh \(/) });
    const everything = JSON.stringify(audit) + JSON.stringify(logger.lines());
    for (const secret of [codes.head, codes.it, 'scrypt$', '480275']) expect(everything).not.toContain(secret);
  });

  it('a file without setup codes (older central) still imports, and still leaves no default PIN', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir });
    // Before setup the section head tried the default PIN and walked away without changing it.
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ ok: true, mustChangePin: true });
    await call(backend, 'staffSignOut', {});
    const center = await fakeCentral();
    const file = await center.provisioning(dataDir, { deviceId: backend.context.deviceId });
    expect(readFileSync(file, 'latin1')).not.toContain('setupCodes');
    const applied = await importProvisioningFile({
      db: backend.context.db, secrets: fileSecretStore(dataDir), file, now: () => new Date(),
      audit: { actor: { role: 'it-admin', officerId: null, name: 'dòng lệnh (kiểm thử)' }, via: 'kiosk-cli' },
      confirmedFingerprint: center.fingerprint,
    });
    expect(applied.setupCodeRoles).toEqual([]);
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ code: 'PIN_WRONG' });
  });

  it('a setup code never replaces a PIN somebody chose', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir });
    await call(backend, 'staffSignIn', { subject: IT_ADMIN, pin: '123456' });
    await call(backend, 'changePin', { currentPin: '123456', newPin: '582047' });
    await call(backend, 'staffSignOut', {});
    const { hashPin, PIN_HASH_COST } = await import('../../shared/node/pin-hashing');
    const center = await fakeCentral();
    const file = await center.provisioning(dataDir, {
      deviceId: backend.context.deviceId,
      setupCodes: { 'section-head': await hashPin('3141592653', PIN_HASH_COST), 'it-admin': await hashPin('2718281828', PIN_HASH_COST) },
    });
    const applied = await importProvisioningFile({
      db: backend.context.db, secrets: fileSecretStore(dataDir), file, now: () => new Date(),
      audit: { actor: { role: 'it-admin', officerId: null, name: 'Cán bộ CNTT' }, via: 'provisioning-file' },
      confirmedFingerprint: center.fingerprint,
    });
    expect(applied.setupCodeRoles).toEqual(['section-head']);
    expect(await signIn(backend, IT_ADMIN, '2718281828')).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, IT_ADMIN, '582047')).toEqual({ ok: true, mustChangePin: false });
    await call(backend, 'staffSignOut', {});
    expect(await signIn(backend, SECTION_HEAD, '3141592653')).toEqual({ ok: true, mustChangePin: true });
    expect(pinAudit(backend).map((r) => [r.event, r.via])).toEqual([['setup-code', 'provisioning-file'], ['setup-code-used', 'staff-area']]);
  });
});

describe('a kiosk set up from the screen', () => {
  it('accepts 123456 for IT until setup is saved, then not for a role that never signed in', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir });
    // A tool's kiosk row alone is not IT's setup: the first run is still on.
    saveKioskSettings(backend.context.db, { officeName: 'UBND xã Tân Lập' });
    expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ ok: true, mustChangePin: true });
    expect((await call(backend, 'changePin', { currentPin: '123456', newPin: '582047' })).ok).toBe(true);
    const { validSettings } = await import('../support/it-admin-fixture');
    expect((await call(backend, 'saveDeviceSettings', validSettings())).ok).toBe(true);
    await call(backend, 'staffSignOut', {});
    expect(await call(backend, 'getSetupState', {})).toEqual({ ok: true, data: { needsSetup: false } });
    expect(await signIn(backend, SECTION_HEAD, '123456')).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(backend, IT_ADMIN, '582047')).toEqual({ ok: true, mustChangePin: false });
    expect(backend.context.db.prepare("SELECT count(*) AS n FROM staff_credentials WHERE subject = 'role:section-head'").get()).toEqual({ n: 0 });
  });
});
