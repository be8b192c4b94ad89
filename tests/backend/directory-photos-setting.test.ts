// The `directoryPhotos` setting (issue 16: officers' photos to central with the kiosk's directory)
// through every way in — the setup screen's save (audited), the signed provisioning file, the
// office settings file — one schema, off by default, and what the directory then carries.
import { describe, expect, it } from 'vitest';
import { readKioskSettings } from '../../electron/backend/settings-repo';
import { insertOfficer } from '../../electron/backend/staff/officers-repo';
import { directoryContent } from '../../electron/backend/sync/directory-repo';
import { officeSettingsFileSchema } from '../../shared/sync-files/provisioning-file';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession, validSettings } from '../support/it-admin-fixture';
import { must } from '../support/staff-fixture';

const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function openBackend() {
  const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: manualClock('2026-11-25T03:00:00.000Z').now });
  itAdminSession(backend);
  return backend;
}

describe('the directoryPhotos setting', () => {
  it('is off on a new kiosk; the setup screen turns it on (audited) and the directory then carries photos', async () => {
    const backend = openBackend();
    const db = backend.context.db;
    insertOfficer(db, { id: '7d3f0b52-9c1e-4a8d-b6f2-0e4c3a9d8b71', code: 'CB07', name: 'Đặng Thu Hà', title: '', photoDataUrl: PHOTO, active: true }, '2026-11-25T10:00:00.000+07:00');
    expect(readKioskSettings(db).directoryPhotos).toBe(false);
    expect(directoryContent(db).officers.map((o) => o.photo)).toEqual([null]);

    expect(await must(backend, 'saveDeviceSettings', validSettings({ directoryPhotos: true }))).toMatchObject({ directoryPhotos: true });
    const audit = (await must(backend, 'listSettingsAudit', { limit: 100 })) as { key: string; newValue: string | null }[];
    expect(audit.filter((e) => e.key === 'directoryPhotos').map((e) => e.newValue)).toEqual(['true']);
    expect(directoryContent(db).officers.map((o) => o.photo)).toEqual([PHOTO]);
    // Left out (an older tool): the kiosk keeps its value.
    await must(backend, 'saveDeviceSettings', validSettings({ deviceToken: null }));
    expect(readKioskSettings(db).directoryPhotos).toBe(true);
  });

  it('a provisioning file may set it; a file without it keeps the kiosk’s; the office settings file takes the same key', async () => {
    const backend = openBackend();
    const usb = tempDataDir();
    const central = await fakeCentral();
    await must(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId, directoryPhotos: true }), confirmedFingerprint: central.fingerprint });
    expect(readKioskSettings(backend.context.db).directoryPhotos).toBe(true);
    await must(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId, counter: 6 }) });
    expect(readKioskSettings(backend.context.db)).toMatchObject({ counterNumber: 6, directoryPhotos: true });
    expect(officeSettingsFileSchema.parse({ directoryPhotos: false })).toEqual({ directoryPhotos: false });
    expect(officeSettingsFileSchema.safeParse({ directoryPhotos: 'yes' }).success).toBe(false);
  });
});
