// Issue 16, the directory end to end: a real kiosk (SQLite file) syncs to a real central on
// 127.0.0.1 (SQLite and PostgreSQL), and what it sends names its officers, service areas, office
// and reasons at central. Every body that leaves the kiosk is recorded and inspected: the
// directory goes once per change, alone when nothing else is pending, never with a PIN or hash,
// with photos only when the office allows them; a late USB file never rolls it back.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { centralSigningKey } from '../../central/signing-key';
import { importSyncFile } from '../../central/sync-file-import';
import { directoryResponseSchema, type DirectoryDevice, type DirectoryOffice } from '../../shared/central-directory';
import { MAX_DIRECTORY_PHOTO_CHARS } from '../../shared/sync/directory';
import { syncBatchV2Schema } from '../../shared/sync/wire';
import { saveKioskSettings, savePinnedCentralKey, saveServiceAreas } from '../../electron/backend/settings-repo';
import { importAckFile } from '../../electron/backend/sync-files/ack-import';
import { insertOfficer, updateOfficer } from '../../electron/backend/staff/officers-repo';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { directoryRevisions } from '../../electron/backend/sync/directory-repo';
import type { Officer } from '../../shared/staff';
import { request, storeFactories } from '../support/central-fixture';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';
import { tempFolder } from '../support/sync-file-kiosk';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

/** Every batch body the kiosk sent, as JSON text (what went over the wire, uncompressed). */
type Sent = string[];

function recordingFetch(sent: Sent): typeof fetch {
  return async (input, init) => {
    if (init?.body instanceof Uint8Array) sent.push(gunzipSync(init.body).toString('utf8'));
    return fetch(input, init);
  };
}

// A small real PNG (1×1), and one too large to travel.
const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const HUGE_PHOTO = `data:image/jpeg;base64,${'A'.repeat(MAX_DIRECTORY_PHOTO_CHARS)}`;
/** A PIN hash in the kiosk's format: it must never leave the kiosk. */
const PIN_HASH = `scrypt$16384$8$1$c2VjcmV0LXNhbHQtMTIzNA==$${'Q'.repeat(43)}=`;

const officer = (name: string, photoDataUrl: string | null = null): Officer => ({ id: randomUUID(), code: `CB${name.length}${randomUUID().slice(0, 4)}`, name, title: 'Chuyên viên', photoDataUrl, active: true });

describe.each(storeFactories)('the kiosk directory at central ($storage)', (factory) => {
  async function rig(): Promise<{ central: Central; kiosk: Kiosk; sent: Sent; admin: string; officers: Officer[] }> {
    const central = await startCentral(() => factory.open());
    opened.push(central);
    const sent: Sent = [];
    const kiosk = await enrolledKiosk(central, { direct: true, fetch: recordingFetch(sent) });
    opened.push(kiosk);
    const db = kiosk.backend.context.db;
    saveKioskSettings(db, { officeName: 'UBND xã Tân Lập – Bộ phận Một cửa', timeZone: 'Asia/Ho_Chi_Minh' });
    saveServiceAreas(db, [
      { code: 'HO-TICH', name: 'Hộ tịch', active: true },
      { code: 'DAT-DAI', name: 'Đất đai', active: true },
    ]);
    const officers = [officer('Nguyễn Thị Hoa', PHOTO), officer('Trần Văn Bình', HUGE_PHOTO)];
    for (const o of officers) insertOfficer(db, o, '2026-11-23T08:00:00.000+07:00');
    db.prepare(`INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES (?, ?, 0, ?)`).run(`officer:${officers[0]?.id ?? ''}`, PIN_HASH, '2026-11-23T08:00:00.000+07:00');
    return { central, kiosk, sent, admin: await central.store.addAdminToken('test'), officers };
  }

  const rate = async (k: Kiosk, n: number) => {
    for (let i = 0; i < n; i++) await k.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
  };
  const directoryAt = async (c: Central, admin: string) => {
    const response = await request(`${c.url}/api/v1/directory`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    return directoryResponseSchema.parse(response.body);
  };
  const deviceIn = (offices: DirectoryOffice[], deviceId: string): DirectoryDevice | undefined => offices.flatMap((o) => o.devices).find((d) => d.deviceId === deviceId);
  const directoriesIn = (sent: Sent) => sent.map((body) => JSON.parse(body) as { directory?: { revision: number }; ratings: unknown[] }).filter((b) => b.directory !== undefined);

  it('arrives with the ratings, names officers, service areas, office and reasons; goes once per change; never a PIN hash; photos only when allowed', async () => {
    const { central, kiosk, sent, admin, officers } = await rig();
    const db = kiosk.backend.context.db;
    await rate(kiosk, 3);
    await kiosk.backend.sync.trigger('manual');

    const first = await directoryAt(central, admin);
    const office = first.unassignedOffices.find((o) => o.officeCode === '000.00.21.H56');
    expect(office).toMatchObject({ name: 'UBND xã Tân Lập – Bộ phận Một cửa', timeZone: 'Asia/Ho_Chi_Minh' });
    const device = deviceIn(first.unassignedOffices, kiosk.deviceId);
    expect(device?.directory?.revision).toBe(1);
    expect(device?.directory?.officers.map((o) => [o.id, o.name, o.hasPhoto])).toEqual([
      [officers[0]?.id, 'Nguyễn Thị Hoa', false],
      [officers[1]?.id, 'Trần Văn Bình', false],
    ]);
    expect(device?.directory?.serviceAreas.map((a) => a.name)).toEqual(['Đất đai', 'Hộ tịch']);
    // Reasons with their survey factor, so central can group them.
    expect(device?.directory?.reasons).toContainEqual({ code: 'THAI-DO', label: expect.any(String) as string, factor: 'officer' });
    expect(directoriesIn(sent)).toHaveLength(1);

    // Unchanged: more ratings go without it.
    await rate(kiosk, 2);
    await kiosk.backend.sync.trigger('manual');
    expect(directoriesIn(sent)).toHaveLength(1);
    expect(sent).toHaveLength(2);

    // An officer renamed, no rating pending: the directory goes alone (zero records), once.
    const renamed = { ...(officers[0] as Officer), name: 'Nguyễn Thị Hoa (Phó trưởng)' };
    updateOfficer(db, renamed);
    await kiosk.backend.sync.trigger('manual');
    await kiosk.backend.sync.trigger('manual');
    expect(sent).toHaveLength(3);
    const alone = JSON.parse(sent[2] ?? '{}') as { ratings: unknown[]; reasonAnswers: unknown[]; seqFrom: unknown; directory: { revision: number } };
    expect([alone.ratings, alone.reasonAnswers, alone.seqFrom, alone.directory.revision]).toEqual([[], [], null, 2]);
    const second = deviceIn((await directoryAt(central, admin)).unassignedOffices, kiosk.deviceId);
    expect(second?.directory?.officers.find((o) => o.id === renamed.id)?.name).toBe('Nguyễn Thị Hoa (Phó trưởng)');
    expect(kiosk.backend.sync.status().state).toBe('idle');

    // The office allows photos: the small one goes (revision 3), the one over the bound does not.
    saveKioskSettings(db, { directoryPhotos: true });
    await kiosk.backend.sync.trigger('manual');
    const third = deviceIn((await directoryAt(central, admin)).unassignedOffices, kiosk.deviceId);
    expect(third?.directory?.revision).toBe(3);
    expect(third?.directory?.officers.map((o) => o.hasPhoto)).toEqual([true, false]);

    // What left the kiosk: no PIN hash, no scrypt anything, no credential; the photo only once allowed.
    const everything = sent.join('\n');
    expect(everything).not.toContain(PIN_HASH);
    expect(everything).not.toMatch(/scrypt|pin_?hash|"pin"/i);
    for (const { pin_hash } of db.prepare('SELECT pin_hash FROM staff_credentials').all() as { pin_hash: string }[]) expect(everything).not.toContain(pin_hash);
    expect(sent.slice(0, 3).join('\n')).not.toContain(PHOTO);
    expect(sent[3]).toContain(PHOTO);
    expect(everything).not.toContain(HUGE_PHOTO.slice(0, 200));
    expect(directoryRevisions(db)).toEqual({ revision: 3, ackedRevision: 3 });
  });

  it('a kiosk with no record yet sends nothing (it has no chain head to sign); its first rating carries the directory', async () => {
    const { kiosk, sent } = await rig();
    await kiosk.backend.sync.trigger('manual');
    expect(sent).toEqual([]);
    expect(kiosk.backend.sync.status().state).toBe('idle');
    await rate(kiosk, 1);
    await kiosk.backend.sync.trigger('manual');
    expect(directoriesIn(sent).map((b) => [b.ratings.length, b.directory?.revision])).toEqual([[1, 1]]);
  });

  it('a format 2 central that predates the directory still takes a batch carrying it (unknown key ignored)', async () => {
    const { kiosk, sent } = await rig();
    await rate(kiosk, 1);
    await kiosk.backend.sync.trigger('manual');
    const body = JSON.parse(sent[0] ?? '{}') as Record<string, unknown>;
    expect(body.directory).toBeDefined();
    // The format 2 schema as shipped before issue 16: the same loose object without the key.
    const before = syncBatchV2Schema.omit({ directory: true }).safeParse(body);
    expect(before.success).toBe(true);
  });

  it('on a USB stick: the file carries the directory, its ack acknowledges it; an older file arriving late never replaces a newer directory', async () => {
    const { central, kiosk, admin, officers } = await rig();
    const db = kiosk.backend.context.db;
    await rate(kiosk, 2);
    const out = tempFolder();
    const file = await exportSyncFile({ db, secrets: fileSecretStore(kiosk.dataDir), outDir: out, now: () => new Date(), appVersion: '0.1.0' });
    // Meanwhile an officer is renamed and the kiosk syncs over the network: revision 2 arrives first.
    updateOfficer(db, { ...(officers[1] as Officer), name: 'Trần Văn Bình (đã đổi)' });
    await kiosk.backend.sync.trigger('manual');
    const before = deviceIn((await directoryAt(central, admin)).unassignedOffices, kiosk.deviceId);
    expect(before?.directory?.revision).toBe(2);

    // The stick reaches central days later: its ratings are duplicates, its revision 1 is ignored.
    const imported = await importSyncFile(central.store, new Uint8Array(readFileSync(file.path)), () => new Date());
    expect(imported.outcome).toBe('imported');
    const after = deviceIn((await directoryAt(central, admin)).unassignedOffices, kiosk.deviceId);
    expect(after?.directory?.revision).toBe(2);
    expect(after?.directory?.officers.find((o) => o.id === officers[1]?.id)?.name).toBe('Trần Văn Bình (đã đổi)');
  });

  it('a sync file alone names the officers at central, and its imported ack stops the kiosk sending it again', async () => {
    const { central, kiosk, admin, officers } = await rig();
    const db = kiosk.backend.context.db;
    await rate(kiosk, 1);
    const out = tempFolder();
    const file = await exportSyncFile({ db, secrets: fileSecretStore(kiosk.dataDir), outDir: out, now: () => new Date(), appVersion: '0.1.0' });
    const imported = await importSyncFile(central.store, new Uint8Array(readFileSync(file.path)), () => new Date());
    const device = deviceIn((await directoryAt(central, admin)).unassignedOffices, kiosk.deviceId);
    expect(device?.directory?.officers.map((o) => o.id).sort()).toEqual(officers.map((o) => o.id).sort());
    expect(directoryRevisions(db)).toEqual({ revision: 1, ackedRevision: 0 });
    // The kiosk trusts central's key (as after its provisioning file), then imports the ack file.
    savePinnedCentralKey(db, (await centralSigningKey(central.store)).publicKey);
    const ackPath = join(out, 'ack.hlack');
    writeFileSync(ackPath, imported.ackFile ?? new Uint8Array());
    await importAckFile({ db, file: ackPath, now: () => new Date() });
    expect(directoryRevisions(db)).toEqual({ revision: 1, ackedRevision: 1 });
  });
});
