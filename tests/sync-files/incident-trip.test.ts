// Issue 12: a storage incident the kiosk recorded travels in the next sync file's manifest, is
// stored (verified, once) by central, and importing the file's ack marks it sent; an incident
// recorded after the export is not marked by that file's ack.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrollDevice, importSyncFiles, provisionDevice } from '../../central/sync-file-commands';
import { centralSigningKey } from '../../central/signing-key';
import { keyFingerprint } from '../../shared/sync-files/enrollment-file';
import { importAckFile } from '../../electron/backend/sync-files/ack-import';
import { ensureDeviceKey } from '../../electron/backend/sync-files/device-key';
import { exportEnrollmentFile } from '../../electron/backend/sync-files/enrollment-export';
import { importProvisioningFile } from '../../electron/backend/sync-files/provisioning-import';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { insertIncident, listIncidents, unsentIncidents } from '../../electron/backend/storage/incidents-repo';
import { sqliteStores } from '../support/central-fixture';
import { makeIncident } from '../support/incident-fixture';
import { addRatings, openTestKiosk, tempFolder } from '../support/sync-file-kiosk';

const now = () => new Date('2026-11-24T03:00:00.000Z');
const ackOf = (syncFile: string) => syncFile.replace(/\.hlsync$/, '.hlack');
const sink = () => ({ write: () => true });

describe('a storage incident in a sync file', () => {
  it('goes in the manifest until the file\'s ack is imported; central keeps it once, verified', async () => {
    const store = await sqliteStores.open({ now });
    const kiosk = openTestKiosk();
    const usb = tempFolder();
    const io = { stdout: sink(), stderr: sink(), now };
    const enrollment = await exportEnrollmentFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' });
    expect(await enrollDevice({ command: 'device enroll', file: enrollment.path, officeCode: '000.00.21.H56', counter: 3, label: undefined, dataDir: '' }, store, io)).toBe(0);
    const provFile = join(usb, 'quay-3.hlprov');
    const provision = { command: 'provision', deviceId: kiosk.deviceId, out: provFile, officeName: 'UBND xã Tân Lập', endpoint: null, scale: 'vn-3', timeZone: 'Asia/Ho_Chi_Minh', dataDir: '' } as const;
    expect(await provisionDevice(provision, store, io)).toBe(0);
    await importProvisioningFile({
      db: kiosk.db, secrets: kiosk.secrets, file: provFile, now, audit: { actor: { role: 'it-admin', officerId: null, name: 'Cán bộ CNTT' }, via: 'kiosk-cli' },
      confirmedFingerprint: await keyFingerprint((await centralSigningKey(store)).publicKey),
    });

    const key = (await ensureDeviceKey(kiosk.db, kiosk.secrets)).privateKey;
    const incident = await makeIncident(kiosk.deviceId, key, { lostSeqRanges: [{ from: 3, to: 4 }], lostChainRanges: [{ from: 3, to: 4 }] });
    insertIncident(kiosk.db, incident);
    addRatings(kiosk, 5);

    // Exported twice before any ack comes back: both files carry it.
    const first = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' });
    expect(first.manifest).toMatchObject({ formatVersion: 2, incidents: [incident] });
    const later = await makeIncident(kiosk.deviceId, key, { detectedAt: '2026-11-23T11:00:00.000+07:00' });
    insertIncident(kiosk.db, later);
    const second = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: tempFolder(), now, appVersion: '0.1.0' });
    expect(second.manifest).toMatchObject({ incidents: [incident, later] });

    expect(await importSyncFiles({ command: 'import', files: [first.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    expect(await store.deviceIncidents(kiosk.deviceId)).toEqual([{ incident, verified: true }]);

    // The first file's ack marks what the first file carried, not the incident recorded after it.
    await importAckFile({ db: kiosk.db, file: ackOf(first.path), now });
    expect(unsentIncidents(kiosk.db)).toEqual([later]);
    expect(listIncidents(kiosk.db).find((s) => s.incident.id === incident.id)?.sentAt).toBe(now().toISOString());

    const third = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: tempFolder(), now, appVersion: '0.1.0', range: { fromDay: '2026-11-23', toDay: '2026-11-23' } });
    expect(third.manifest).toMatchObject({ incidents: [later] });
    expect(await importSyncFiles({ command: 'import', files: [third.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    await importAckFile({ db: kiosk.db, file: ackOf(third.path), now });
    expect(unsentIncidents(kiosk.db)).toEqual([]);
    expect((await store.deviceIncidents(kiosk.deviceId)).map((r) => r.incident.id).sort()).toEqual([incident.id, later.id].sort());

    // Nothing left to declare: the next file has no incidents key at all.
    addRatings(kiosk, 1);
    const fourth = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: tempFolder(), now, appVersion: '0.1.0' });
    expect(fourth.manifest).not.toHaveProperty('incidents');
    await store.close();
  });
});
