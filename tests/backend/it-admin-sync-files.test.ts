// USB sync files through the contract, as the IT screen calls them: export with progress
// events and a file that verifies, ack import that marks exactly the listed ratings,
// provisioning in one step, the folder list, and the typed refusals.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPublicKey } from '../../shared/sync-files/signed-file';
import { verifySyncFile } from '../../shared/sync-files/sync-file';
import { verifyEnrollmentFile } from '../../shared/sync-files/enrollment-file';
import { listUsbFolders } from '../../electron/backend/it-admin/usb-folders';
import { readDevicePublicKey, readKioskSettings, readServiceAreas, readSyncSettings, saveSyncSettings } from '../../electron/backend/settings-repo';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession } from '../support/it-admin-fixture';
import { call, must, seedRatings } from '../support/staff-fixture';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';

const now = manualClock('2026-11-25T03:00:00.000Z').now;

function openBackend(usbFolders?: string[]) {
  const dataDir = tempDataDir();
  const backend = openTestBackend({
    dataDir,
    autoSync: false,
    now,
    ...(usbFolders === undefined ? {} : { usbFolders: () => usbFolders.map((path) => ({ path, source: 'configured' as const })) }),
  });
  itAdminSession(backend);
  return { dataDir, backend };
}

function seed(backend: KioskBackend, count: number) {
  seedRatings(
    backend,
    Array.from({ length: count }, (_, i) => ({ at: `2026-11-2${3 + (i % 2)}T09:${String(i % 60).padStart(2, '0')}:00.000+07:00`, level: (i % 3) + 1 })),
  );
}

const pending = (backend: KioskBackend) => (backend.context.db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
const ids = (backend: KioskBackend) => (backend.context.db.prepare('SELECT id FROM ratings ORDER BY seq').all() as { id: string }[]).map((r) => r.id);

describe('exportSyncFile through the contract', () => {
  it('pushes progress up to the total, writes a file that verifies, and marks nothing synced', async () => {
    const { backend } = openBackend();
    const usb = tempDataDir();
    seed(backend, 3000);
    const progress: { written: number; total: number }[] = [];
    backend.events.subscribe((name, payload) => {
      if (name === 'syncFileExportProgress') progress.push(payload as { written: number; total: number });
    });
    const done = (await must(backend, 'exportSyncFile', { folder: usb })) as { fileName: string; path: string; count: number; fileNumber: number };
    expect(done).toMatchObject({ count: 3000, fileNumber: 1, path: join(usb, done.fileName) });
    expect(done.fileName).toMatch(/^kiosk-q1-[0-9a-f]{8}-f1-1-3000\.hlsync$/);
    expect(readdirSync(usb)).toEqual([done.fileName]);
    expect(progress[0]).toEqual({ written: 0, total: 3000 });
    expect(progress.at(-1)).toEqual({ written: 3000, total: 3000 });
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]?.written).toBeGreaterThanOrEqual(progress[i - 1]?.written ?? 0);

    const publicKey = readDevicePublicKey(backend.context.db) ?? '';
    const content = await verifySyncFile(new Uint8Array(readFileSync(done.path)), () => importPublicKey(publicKey));
    expect(content.ratings.map((r) => r.id)).toEqual(ids(backend));
    expect(pending(backend)).toBe(3000);
  });

  it('the sync status says the office has no endpoint and when a sync file was last exported (issue 14)', async () => {
    const { backend } = openBackend();
    seed(backend, 4);
    expect(await must(backend, 'getSyncStatus', {})).toMatchObject({ state: 'not-configured', endpointConfigured: false, lastExportAt: null, pendingCount: 4 });
    await must(backend, 'exportSyncFile', { folder: tempDataDir() });
    expect(await must(backend, 'getSyncStatus', {})).toMatchObject({ endpointConfigured: false, lastExportAt: '2026-11-25T03:00:00.000Z', pendingCount: 4 });
    saveSyncSettings(backend.context.db, { endpoint: 'https://trung-tam.example' });
    expect(await must(backend, 'getSyncStatus', {})).toMatchObject({ state: 'not-configured', endpointConfigured: true });
  });

  it('exports a day range only', async () => {
    const { backend } = openBackend();
    seed(backend, 10);
    const done = await must(backend, 'exportSyncFile', { folder: tempDataDir(), range: { fromDay: '2026-11-24', toDay: '2026-11-24' } });
    expect(done).toMatchObject({ count: 5 });
  });

  it('says NOTHING_TO_EXPORT when central has everything', async () => {
    const { backend } = openBackend();
    const usb = tempDataDir();
    expect(await call(backend, 'exportSyncFile', { folder: usb })).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_EXPORT' } });
    expect(readdirSync(usb)).toEqual([]);
  });

  it('names a missing or relative folder', async () => {
    const { backend } = openBackend();
    seed(backend, 1);
    const missing = join(tempDataDir(), 'pulled-out');
    const reply = await call(backend, 'exportSyncFile', { folder: missing });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FOLDER_UNAVAILABLE', detail: `Không tìm thấy (USB đã rút?): ${missing}` } });
    expect(await call(backend, 'exportSyncFile', { folder: 'usb' })).toMatchObject({ ok: false, error: { code: 'FOLDER_UNAVAILABLE' } });
  });
});

describe('provisioning and ack files through the contract', () => {
  it('applies a provisioning file in one step, then an ack marks exactly the ratings it lists', async () => {
    const { backend, dataDir } = openBackend();
    const usb = tempDataDir();
    const central = await fakeCentral();
    const provisioning = await central.provisioning(usb, { deviceId: backend.context.deviceId });
    writeFileSync(join(usb, 'notes.txt'), 'not a kiosk file');

    expect(await must(backend, 'listImportableFiles', { folder: usb })).toMatchObject([{ name: 'quay-5.hlprov', kind: 'provisioning', path: provisioning }]);
    // No central key pinned yet: the first call only shows the file and its key (inspect → confirm).
    const inspected = { officeCode: '000.00.21.H99', officeName: 'UBND phường Bến Thành', counterNumber: 5, pinnedCentralKey: false };
    expect(await must(backend, 'importProvisioningFile', { path: provisioning })).toMatchObject({ applied: false, centralKeyFingerprint: central.fingerprint, ...inspected });
    expect(readKioskSettings(backend.context.db).counterNumber).not.toBe(5);
    expect(await call(backend, 'importProvisioningFile', { path: provisioning, confirmedFingerprint: '0000 0000 0000 0000 0000' })).toMatchObject({
      ok: false,
      error: { code: 'FILE_REJECTED', detail: expect.stringContaining('CENTRAL_KEY_FINGERPRINT_MISMATCH') },
    });
    expect(await must(backend, 'importProvisioningFile', { path: provisioning, confirmedFingerprint: central.fingerprint.toLowerCase() })).toEqual({
      applied: true,
      centralKeyFingerprint: central.fingerprint,
      officeCode: '000.00.21.H99',
      officeName: 'UBND phường Bến Thành',
      counterNumber: 5,
      kioskLabel: 'Quầy 5 – Đất đai',
      scaleId: 'vn-3',
      timeZone: 'Asia/Ho_Chi_Minh',
      endpoint: null,
      serviceAreaCount: 1,
      pinnedCentralKey: true,
    });
    expect(readKioskSettings(backend.context.db)).toMatchObject({ officeName: 'UBND phường Bến Thành', counterNumber: 5 });
    expect(readSyncSettings(backend.context.db)).toEqual({ endpoint: null });
    expect(readServiceAreas(backend.context.db)).toEqual([{ code: 'DAT-DAI', name: 'Đất đai', active: true }]);
    expect(fileSecretStore(dataDir).read('device-token')).toBe('prov_token_0123456789abcdefghijkl');
    expect(await must(backend, 'getDeviceSettings', {})).toMatchObject({ officeCode: '000.00.21.H99', tokenSet: true, needsSetup: false });

    seed(backend, 6);
    const exported = (await must(backend, 'exportSyncFile', { folder: usb })) as { fileNumber: number; path: string };
    const publicKey = readDevicePublicKey(backend.context.db) ?? '';
    const { manifest } = await verifySyncFile(new Uint8Array(readFileSync(exported.path)), () => importPublicKey(publicKey));
    const [a, b, c, d, e] = ids(backend);
    const ackPath = await central.ack(usb, {
      deviceId: backend.context.deviceId,
      fileNumber: exported.fileNumber,
      payloadSha256: manifest.payloadSha256,
      outcome: 'imported',
      accepted: [a ?? '', b ?? ''],
      duplicate: [c ?? ''],
      conflicts: [{ id: d ?? '', reason: 'khác nội dung' }],
      receivedAt: '2026-11-26T01:00:00.000Z',
    });
    expect((await must(backend, 'listImportableFiles', { folder: usb })) as { kind: string }[]).toHaveLength(2);
    expect(await must(backend, 'importAckFile', { path: ackPath })).toEqual({ marked: 4, pendingCount: 2, pendingReasonAnswers: 0, fileNumber: 1 });
    const left = (backend.context.db.prepare('SELECT rating_id FROM sync_outbox ORDER BY seq').all() as { rating_id: string }[]).map((r) => r.rating_id);
    expect(left).toEqual([e, ids(backend)[5]]);
    expect(backend.context.db.prepare('SELECT rating_id FROM sync_quarantine').all()).toEqual([{ rating_id: d }]);
    // Twice: nothing more.
    expect(await must(backend, 'importAckFile', { path: ackPath })).toEqual({ marked: 0, pendingCount: 2, pendingReasonAnswers: 0, fileNumber: 1 });
    expect(await must(backend, 'getDiagnostics', {})).toMatchObject({ pendingCount: 2, quarantinedCount: 1, lastAckAt: '2026-11-25T03:00:00.000Z', lastFileNumber: 1 });
  });

  it('sets languages and reasons from the file, and audits every change in the same transaction as the settings', async () => {
    const { backend } = openBackend();
    const usb = tempDataDir();
    const central = await fakeCentral();
    const reasons = [
      { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access' as const, reportPath: false },
      { code: 'KHAC', label: 'Lý do khác', labelEn: null, factor: null, reportPath: false },
    ];
    const auditRows = () => backend.context.db.prepare('SELECT via, key, old_value, new_value, actor_name FROM settings_audit ORDER BY id').all() as { via: string; key: string; old_value: string | null; new_value: string | null; actor_name: string }[];

    // A refused file changes nothing and leaves no audit row.
    await call(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41', counter: 7 }) });
    expect(auditRows()).toEqual([]);

    await must(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId, languages: ['vi', 'en'], reasons }), confirmedFingerprint: central.fingerprint });
    expect(readKioskSettings(backend.context.db)).toMatchObject({ languages: ['vi', 'en'], reasons });
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ languages: ['vi', 'en'], reasons });
    const rows = auditRows();
    expect(rows.every((r) => r.via === 'provisioning-file' && r.actor_name === 'Cán bộ CNTT')).toBe(true);
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['officeCode', 'officeName', 'counterNumber', 'languages', 'reasons', 'serviceAreas', 'deviceToken']));
    expect(rows.find((r) => r.key === 'languages')).toMatchObject({ old_value: '["vi"]', new_value: '["vi","en"]' });
    expect(rows.find((r) => r.key === 'deviceToken')).toMatchObject({ old_value: null, new_value: '••••' });
    expect(JSON.stringify(rows)).not.toContain('prov_token_0123456789abcdefghijkl');

    // The audit rows are written inside the settings' transaction: if they cannot be written,
    // the settings are not changed either.
    backend.context.db.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON settings_audit BEGIN SELECT RAISE(ABORT, 'audit disk full'); END;");
    const again = await call(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId, languages: ['vi'], reasons: [] }) });
    expect(again.ok).toBe(false);
    expect(readKioskSettings(backend.context.db)).toMatchObject({ languages: ['vi', 'en'], reasons });
  });

  it('refuses files for another kiosk, from another central, or of the wrong kind, with the reason', async () => {
    const { backend } = openBackend();
    const usb = tempDataDir();
    const central = await fakeCentral();
    const other = await central.provisioning(usb, { deviceId: '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41', counter: 7 });
    const reply = await call(backend, 'importProvisioningFile', { path: other });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FILE_REJECTED' } });
    expect(!reply.ok && reply.error.detail).toMatch(/^WRONG_DEVICE: Tệp này dành cho một máy đánh giá khác\./);
    expect(await must(backend, 'getSetupState', {})).toEqual({ needsSetup: true });

    const ack = await central.ack(usb, {
      deviceId: backend.context.deviceId,
      fileNumber: 1,
      payloadSha256: '0'.repeat(64),
      outcome: 'imported',
      accepted: [],
      duplicate: [],
      conflicts: [],
      receivedAt: '2026-11-26T01:00:00.000Z',
    });
    const beforeKey = await call(backend, 'importAckFile', { path: ack });
    expect(!beforeKey.ok && beforeKey.error.detail).toMatch(/^CENTRAL_KEY_UNKNOWN/);

    await must(backend, 'importProvisioningFile', { path: await central.provisioning(usb, { deviceId: backend.context.deviceId }), confirmedFingerprint: central.fingerprint });
    const impostor = await fakeCentral();
    const changed = await call(backend, 'importProvisioningFile', { path: await impostor.provisioning(tempDataDir(), { deviceId: backend.context.deviceId }) });
    expect(!changed.ok && changed.error.detail).toMatch(/^CENTRAL_KEY_CHANGED/);

    const damaged = join(usb, 'damaged.hlack');
    writeFileSync(damaged, readFileSync(ack).subarray(0, 40));
    const truncated = await call(backend, 'importAckFile', { path: damaged });
    expect(truncated).toMatchObject({ ok: false, error: { code: 'FILE_REJECTED' } });
    expect(await call(backend, 'importAckFile', { path: other })).toMatchObject({ ok: false, error: { code: 'FILE_REJECTED', detail: `Cần tệp .hlack: ${other}` } });
  });
});

describe('enrollment and USB folders', () => {
  it('exports the enrollment file with the key fingerprint', async () => {
    const { backend } = openBackend();
    const usb = tempDataDir();
    const done = (await must(backend, 'exportEnrollmentFile', { folder: usb })) as { path: string; deviceId: string; publicKeyFingerprint: string };
    expect(done.deviceId).toBe(backend.context.deviceId);
    expect(done.publicKeyFingerprint).toMatch(/^([0-9A-F]{4} ){4}[0-9A-F]{4}$/);
    const file = await verifyEnrollmentFile(new Uint8Array(readFileSync(done.path)));
    expect(file.publicKey).toBe(readDevicePublicKey(backend.context.db));
    expect(await must(backend, 'getDiagnostics', {})).toMatchObject({ publicKeyFingerprint: done.publicKeyFingerprint });
  });

  it('lists KIOSK_USB_DIRS first, existing folders only, without repeats', () => {
    const a = tempDataDir();
    const b = join(tempDataDir(), 'STICK');
    mkdirSync(b);
    const env = { KIOSK_USB_DIRS: [a, b, join(a, 'missing'), a].join(delimiter) };
    const found = listUsbFolders({ platform: 'linux', env });
    expect(found.slice(0, 2)).toEqual([
      { path: a, source: 'configured' },
      { path: b, source: 'configured' },
    ]);
    expect(found.filter((f) => f.path === a)).toHaveLength(1);
    expect(found.every((f) => f.source === 'configured' || /^\/(media|run\/media|mnt)\//.test(f.path))).toBe(true);
  });

  it('answers listUsbFolders through the contract', async () => {
    const usb = tempDataDir();
    const { backend } = openBackend([usb]);
    expect(await must(backend, 'listUsbFolders', {})).toEqual([{ path: usb, source: 'configured' }]);
  });
});
