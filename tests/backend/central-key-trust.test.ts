// Issue 10, first-use trust of central's key. The attack: a fresh kiosk set up from the screen,
// then a forged .hlprov → accepted: endpoint, token and pinned central key replaced, nothing
// shown to confirm. Now the first provisioning file applies only with its key's fingerprint
// confirmed (the screen shows it first; the CLI needs --fingerprint); afterwards only the pinned
// key's files apply.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceId, readPinnedCentralKey, readSyncSettings } from '../../electron/backend/settings-repo';
import { openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession, TEST_TOKEN, validSettings } from '../support/it-admin-fixture';
import { call, must } from '../support/staff-fixture';
import { runKiosk as kiosk } from '../support/cli-runners';


function kioskState(dataDir: string) {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return { deviceId: ensureDeviceId(db), pinned: readPinnedCentralKey(db) ?? null, endpoint: readSyncSettings(db).endpoint, token: fileSecretStore(dataDir).read('device-token') ?? null };
  } finally {
    db.close();
  }
}

describe('the setup screen: a forged provisioning file on a kiosk set up from the screen', () => {
  it('is shown with its key’s fingerprint and applied only once that fingerprint is confirmed', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir });
    itAdminSession(backend);
    await must(backend, 'saveDeviceSettings', validSettings());
    const before = kioskState(dataDir);
    expect(before).toMatchObject({ pinned: null, endpoint: 'https://dvc.example.gov.vn/hai-long', token: TEST_TOKEN });

    const forger = await fakeCentral();
    const forged = await forger.provisioning(tempDataDir(), { deviceId: backend.context.deviceId, endpoint: 'https://attacker.example/', deviceToken: 'forged_token_0123456789abcdef' });
    // Step one shows what the file would set and whose key signed it; nothing changes.
    expect(await must(backend, 'importProvisioningFile', { path: forged })).toMatchObject({ applied: false, centralKeyFingerprint: forger.fingerprint, endpoint: 'https://attacker.example/' });
    expect(kioskState(dataDir)).toEqual(before);
    // A fingerprint other than the file's key's (the one central really printed) is refused.
    const province = await fakeCentral();
    expect(await call(backend, 'importProvisioningFile', { path: forged, confirmedFingerprint: province.fingerprint })).toMatchObject({
      ok: false,
      error: { code: 'FILE_REJECTED', detail: expect.stringContaining('CENTRAL_KEY_FINGERPRINT_MISMATCH') },
    });
    expect(kioskState(dataDir)).toEqual(before);

    // The real file, confirmed with the fingerprint central printed, applies and pins the key.
    const real = await province.provisioning(tempDataDir(), { deviceId: backend.context.deviceId });
    expect(await must(backend, 'importProvisioningFile', { path: real, confirmedFingerprint: province.fingerprint })).toMatchObject({ applied: true, pinnedCentralKey: true });
    expect(kioskState(dataDir).pinned).toBe(province.publicKey);
    // From now on the forged file is refused outright, confirmed or not.
    for (const confirmedFingerprint of [undefined, forger.fingerprint]) {
      const reply = await call(backend, 'importProvisioningFile', { path: forged, ...(confirmedFingerprint === undefined ? {} : { confirmedFingerprint }) });
      expect(reply).toMatchObject({ ok: false, error: { code: 'FILE_REJECTED', detail: expect.stringContaining('CENTRAL_KEY_CHANGED') } });
    }
    // And the pinned central's next file applies in one step.
    const next = await province.provisioning(tempDataDir(), { deviceId: backend.context.deviceId, counter: 6 });
    expect(await must(backend, 'importProvisioningFile', { path: next })).toMatchObject({ applied: true, counterNumber: 6, pinnedCentralKey: false });
  });
});

describe('kiosk import-provisioning --fingerprint', () => {
  it('refuses a first file without the fingerprint or with another one (typed code, Vietnamese, exit 1), writing nothing', async () => {
    const dataDir = tempDataDir();
    const { deviceId } = kioskState(dataDir);
    const central = await fakeCentral();
    const file = await central.provisioning(tempDataDir(), { deviceId });

    const missing = await kiosk(dataDir, 'import-provisioning', file);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toMatch(/^CENTRAL_KEY_UNCONFIRMED: Máy đánh giá chưa ghi nhận khóa của máy chủ trung tâm/);
    // The refusal never prints the file's fingerprint (it would invite copying it back unchecked).
    expect(missing.err.join('\n')).not.toContain(central.fingerprint);

    const other = await fakeCentral();
    const wrong = await kiosk(dataDir, 'import-provisioning', file, '--fingerprint', other.fingerprint);
    expect(wrong.code).toBe(1);
    expect(wrong.err.join('\n')).toMatch(/^CENTRAL_KEY_FINGERPRINT_MISMATCH: Dấu vân tay đã xác nhận không phải của khóa đã ký tệp này/);
    expect(kioskState(dataDir)).toEqual({ deviceId, pinned: null, endpoint: null, token: null });

    // As people type it: dashes, lower case.
    const right = await kiosk(dataDir, 'import-provisioning', file, '--fingerprint', central.fingerprint.replaceAll(' ', '-').toLowerCase());
    expect(right).toMatchObject({ code: 0, err: [] });
    expect(kioskState(dataDir).pinned).toBe(central.publicKey);
  });

  it('on a kiosk with a pinned key, refuses a file signed by another key even with its fingerprint, and needs none for the pinned one', async () => {
    const dataDir = tempDataDir();
    const { deviceId } = kioskState(dataDir);
    const central = await fakeCentral();
    expect((await kiosk(dataDir, 'import-provisioning', await central.provisioning(tempDataDir(), { deviceId }), '--fingerprint', central.fingerprint)).code).toBe(0);
    const pinnedState = kioskState(dataDir);

    const impostor = await fakeCentral();
    const forged = await impostor.provisioning(tempDataDir(), { deviceId, deviceToken: 'forged_token_0123456789abcdef' });
    const refused = await kiosk(dataDir, 'import-provisioning', forged, '--fingerprint', impostor.fingerprint);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/^CENTRAL_KEY_CHANGED: /);
    expect(kioskState(dataDir)).toEqual(pinnedState);

    expect((await kiosk(dataDir, 'import-provisioning', await central.provisioning(tempDataDir(), { deviceId, counter: 8 }))).code).toBe(0);
  });
});
