// The `dossier` setting (issue 15) through every way in: the setup screen's save (audited, refused
// field by field), the signed provisioning file, and the office settings file — one schema.
import { describe, expect, it } from 'vitest';
import { readKioskSettings } from '../../electron/backend/settings-repo';
import { defaultDossierSettings } from '../../shared/dossier-code';
import { officeSettingsFileSchema } from '../../shared/sync-files/provisioning-file';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession, validSettings } from '../support/it-admin-fixture';
import { call, must } from '../support/staff-fixture';

const strict = { ...defaultDossierSettings, format: 'one-stop' as const, onePerDossier: true, required: true, allowNoCode: false };

function openBackend() {
  const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: manualClock('2026-11-25T03:00:00.000Z').now });
  itAdminSession(backend);
  return backend;
}

describe('the dossier setting', () => {
  it('the setup screen saves it, audits the change, and the citizen screen reads it', async () => {
    const backend = openBackend();
    expect(await must(backend, 'saveDeviceSettings', validSettings({ dossier: strict }))).toMatchObject({ dossier: strict });
    expect((await must(backend, 'getHomeScreen', {})) as object).toMatchObject({ dossier: strict });
    const audit = (await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; newValue: string | null }[];
    expect(audit.filter((e) => e.key === 'dossier').map((e) => JSON.parse(e.newValue ?? 'null'))).toEqual([strict]);
    // Left out (an older tool): the kiosk keeps its value.
    await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null }));
    expect(readKioskSettings(backend.context.db).dossier).toEqual(strict);
  });

  it('refuses a custom pattern that does not compile, field by field, and changes nothing', async () => {
    const backend = openBackend();
    const reply = await call(backend, 'saveDeviceSettings', validSettings({ dossier: { ...defaultDossierSettings, format: 'custom', customPattern: 'HS-[0-9' } }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(reply)).toContain('Mẫu mã hồ sơ không phải biểu thức chính quy hợp lệ');
    expect(readKioskSettings(backend.context.db).dossier).toEqual(defaultDossierSettings);
  });

  it('a provisioning file may set it (checked by the same schema); a file without it keeps the kiosk’s', async () => {
    const backend = openBackend();
    const usb = tempDataDir();
    const central = await fakeCentral();
    await must(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId, dossier: strict }), confirmedFingerprint: central.fingerprint });
    expect(readKioskSettings(backend.context.db).dossier).toEqual(strict);
    await must(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId, counter: 6 }) });
    expect(readKioskSettings(backend.context.db)).toMatchObject({ counterNumber: 6, dossier: strict });
    await expect(central.provisioning(usb, { deviceId: backend.context.deviceId, dossier: { ...strict, format: 'custom', customPattern: '(A+)+' } })).rejects.toThrow(/lồng nhau/);
  });

  it('the office settings file takes the same key, optional', () => {
    expect(officeSettingsFileSchema.parse({ dossier: strict })).toEqual({ dossier: strict });
    expect(officeSettingsFileSchema.parse({})).toEqual({});
    expect(officeSettingsFileSchema.safeParse({ dossier: { ...strict, capture: false } }).success).toBe(false);
  });
});
