// Acceptance 1 and 3: an offline kiosk set up by a provisioning file exports a sync file;
// central (SQLite and PostgreSQL) imports it; the ack file brings pending to 0; re-imports add 0.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { enrollDevice, importSyncFiles, provisionDevice } from '../../central/sync-file-commands';
import { canonicalRatingJson } from '../../shared/sync/wire';
import { importAckFile } from '../../electron/backend/sync-files/ack-import';
import { exportEnrollmentFile } from '../../electron/backend/sync-files/enrollment-export';
import { importProvisioningFile } from '../../electron/backend/sync-files/provisioning-import';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { readKioskSettings, readSyncSettings } from '../../electron/backend/settings-repo';
import { toWireRating } from '../../electron/backend/sync/wire-rating';
import { storeFactories } from '../support/central-fixture';
import { addRatings, openTestKiosk, pendingCount, tempFolder } from '../support/sync-file-kiosk';

function textSink() {
  const chunks: string[] = [];
  return { write: (t: string) => chunks.push(t), text: () => chunks.join('') };
}

const now = () => new Date('2026-11-24T03:00:00.000Z');

describe.each(storeFactories)('sync files round trip on $storage', (factory) => {
  it('provisions an offline kiosk, carries its ratings to central and the ack back', async () => {
    const store = await factory.open({ now });
    const kiosk = openTestKiosk();
    const usb = tempFolder();
    const out = textSink();
    const err = textSink();
    const io = { stdout: out, stderr: err, now };

    // Enrollment: the kiosk's key reaches central, signed by itself.
    const enrollment = await exportEnrollmentFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' });
    expect(await enrollDevice({ command: 'device enroll', file: enrollment.path, officeCode: '000.00.21.H56', counter: 3, label: 'Quầy 3 – Hộ tịch', dataDir: '' }, store, io)).toBe(0);
    expect((await store.deviceKey(kiosk.deviceId))?.publicKey).toBe(enrollment.publicKey);

    // Provisioning: "văn phòng không có mạng".
    const provFile = join(usb, 'quay-3.hlprov');
    expect(
      await provisionDevice(
        { command: 'provision', deviceId: kiosk.deviceId, out: provFile, officeName: 'UBND xã Tân Lập', endpoint: null, scale: 'vn-3', timeZone: 'Asia/Ho_Chi_Minh', dataDir: '' },
        store,
        io,
      ),
    ).toBe(0);
    const applied = await importProvisioningFile({ db: kiosk.db, secrets: kiosk.secrets, file: provFile, now });
    expect(applied.pinnedNow).toBe(true);
    expect(readKioskSettings(kiosk.db)).toMatchObject({ officeName: 'UBND xã Tân Lập', counterNumber: 3, scaleId: 'vn-3' });
    expect(readSyncSettings(kiosk.db)).toEqual({ endpoint: null });
    const token = kiosk.secrets.read('device-token');
    expect(token).toBeDefined();
    expect(await store.authenticateDevice(token ?? '')).toMatchObject({ deviceId: kiosk.deviceId });

    addRatings(kiosk, 1234);
    expect(pendingCount(kiosk.db)).toBe(1234);
    const progress: number[] = [];
    const exported = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0', onProgress: (w) => progress.push(w) });
    expect(exported).toMatchObject({ count: 1234, fileNumber: 1 });
    expect(progress.at(-1)).toBe(1234);
    expect(pendingCount(kiosk.db)).toBe(1234); // exporting marks nothing synced

    expect(await importSyncFiles({ command: 'import', files: [exported.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    const ackPath = readdirSync(usb).find((f) => f.endsWith('.hlack'));
    expect(ackPath).toBeDefined();
    const stored = await store.storedRatings(kiosk.deviceId);
    expect(stored.map((s) => canonicalRatingJson(s.rating))).toEqual(listAll(kiosk.db).map((r) => canonicalRatingJson(r)));

    const first = await importAckFile({ db: kiosk.db, file: join(usb, ackPath ?? ''), now });
    expect(first).toMatchObject({ changed: 1234, pendingCount: 0 });
    expect(pendingCount(kiosk.db)).toBe(0);
    const second = await importAckFile({ db: kiosk.db, file: join(usb, ackPath ?? ''), now });
    expect(second).toMatchObject({ changed: 0, pendingCount: 0 });

    // The same file again: REPLAYED, nothing added; an ack is issued again for a lost one.
    expect(await importSyncFiles({ command: 'import', files: [exported.path], ackDir: tempFolder(), dataDir: '' }, store, io)).toBe(0);
    expect(out.text()).toContain('REPLAYED');
    expect(await store.storedRatings(kiosk.deviceId)).toHaveLength(1234);

    // A later export holds only what is pending (new ratings), numbered 2.
    addRatings(kiosk, 5);
    const next = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' });
    expect(next).toMatchObject({ count: 5, fileNumber: 2, manifest: { seqFrom: 1235, seqTo: 1239 } });
    expect(await importSyncFiles({ command: 'import', files: [next.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    expect(await store.storedRatings(kiosk.deviceId)).toHaveLength(1239);
    expect(err.text()).toBe('');

    // Secrets never travel in sync, ack or enrollment files, nor in what the commands print.
    const privateKey = kiosk.secrets.read('device-private-key') ?? '';
    expect(privateKey.length).toBeGreaterThan(40);
    const rawPrivate = Buffer.from(privateKey, 'base64').subarray(-32);
    for (const name of readdirSync(usb).filter((f) => !f.endsWith('.hlprov'))) {
      const bytes = readFileSync(join(usb, name));
      expect(bytes.includes(Buffer.from(token ?? '')), name).toBe(false);
      expect(bytes.includes(Buffer.from(privateKey)), name).toBe(false);
      expect(bytes.includes(rawPrivate), name).toBe(false);
    }
    expect(out.text()).not.toContain(privateKey);
    expect(out.text()).not.toContain(token);
  });
});

function listAll(db: Database) {
  return (db.prepare('SELECT * FROM ratings ORDER BY seq').all() as Parameters<typeof toWireRating>[0][]).map(toWireRating);
}
