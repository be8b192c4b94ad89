// Issue 16: what someone might try against the directory at central (SQLite and PostgreSQL).
// A kiosk whose clock runs decades ahead must not freeze its office's name for the other kiosks;
// one kiosk's directory never touches another's officers; a forged head refuses the whole batch,
// directory included; a photo that is not an image, a directory over its bounds, and an empty
// batch without a directory are refused.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDirectoryView } from '../../central/directory-view';
import { generateSigningKeyPair, importPrivateKey } from '../../shared/sync-files/signed-file';
import { signChainHead } from '../../shared/sync/chain';
import { MAX_DIRECTORY_OFFICERS } from '../../shared/sync/directory';
import type { SyncBatchInput } from '../../shared/sync/wire';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { insertOfficer } from '../../electron/backend/staff/officers-repo';
import { postBatch, startCentral as startBareCentral, storeFactories } from '../support/central-fixture';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

describe.each(storeFactories)('attacks on the directory ($storage)', (factory) => {
  it('a kiosk with its clock in 2099 cannot freeze the office name; each kiosk keeps its own officers', async () => {
    const central = await startCentral(() => factory.open());
    opened.push(central);
    const future = await enrolledKiosk(central, { direct: true, now: () => new Date('2099-01-01T00:00:00.000Z') });
    const honest = await enrolledKiosk(central, { direct: true });
    opened.push(future, honest);
    saveKioskSettings(future.backend.context.db, { officeName: 'Tên do máy lệch giờ đặt' });
    insertOfficer(future.backend.context.db, { id: randomUUID(), code: 'CB99', name: 'Cán bộ máy B', title: '', photoDataUrl: null, active: true }, '2099-01-01T07:00:00.000+07:00');
    await future.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    await future.backend.sync.trigger('manual');

    saveKioskSettings(honest.backend.context.db, { officeName: 'UBND xã Tân Lập – Bộ phận Một cửa' });
    const honestOfficer = randomUUID();
    insertOfficer(honest.backend.context.db, { id: honestOfficer, code: 'CB01', name: 'Cán bộ máy A', title: '', photoDataUrl: null, active: true }, '2026-11-23T08:00:00.000+07:00');
    await honest.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    await honest.backend.sync.trigger('manual');

    const view = buildDirectoryView(await central.store.directorySnapshot());
    const office = view.unassignedOffices.find((o) => o.officeCode === '000.00.21.H56');
    expect(office?.name).toBe('UBND xã Tân Lập – Bộ phận Một cửa');
    const officersOf = (k: Kiosk) => office?.devices.find((d) => d.deviceId === k.deviceId)?.directory?.officers.map((o) => o.name);
    expect([officersOf(honest), officersOf(future)]).toEqual([['Cán bộ máy A'], ['Cán bộ máy B']]);
  });

  it('refuses a forged head (nothing stored), a photo that is not an image, too many officers, and an empty batch without a directory', async () => {
    const c = await startBareCentral(factory);
    const keys = await generateSigningKeyPair();
    const deviceId = randomUUID();
    const { token } = await c.store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 1, publicKey: keys.publicKey });
    const other = await generateSigningKeyPair();
    const head = async (pkcs8: string) =>
      signChainHead({ deviceId, position: 1, link: 'a'.repeat(64), migratedThrough: null, migratedLink: null, signedAt: '2026-11-23T09:20:00.000+07:00' }, await importPrivateKey(pkcs8));
    const officer = (i: number, photo: string | null = null) => ({ id: `officer-${i}`, code: `CB${i}`, name: `Cán bộ ${i}`, title: '', active: true, photo });
    // Forged on purpose: typed as what a kiosk would send, whatever it holds.
    const batch = async (directory: object | undefined, pkcs8 = keys.privateKeyPkcs8): Promise<SyncBatchInput> => ({
      formatVersion: 2 as const,
      deviceId,
      batchId: randomUUID(),
      seqFrom: null,
      seqTo: null,
      sentAt: '2026-11-23T09:20:00.000+07:00',
      appVersion: '0.3.0',
      ratings: [],
      reasonAnswers: [],
      chainHead: await head(pkcs8),
      ...(directory === undefined ? {} : { directory }),
    }) as unknown as SyncBatchInput;
    const directory = (officers: object[]) => ({ revision: 1, changedAt: '2026-11-23T09:19:00.000+07:00', officeName: 'Giả mạo', timeZone: 'Asia/Ho_Chi_Minh', serviceAreas: [], officers, reasons: [] });

    const forged = await postBatch(c, await batch(directory([officer(1)]), other.privateKeyPkcs8), { token });
    expect([forged.status, JSON.stringify(forged.body)]).toEqual([422, expect.stringContaining('chainHead: chữ ký không hợp lệ')]);
    expect((await c.store.directorySnapshot()).directories).toEqual([]);

    const script = await postBatch(c, await batch(directory([officer(1, 'data:text/html;base64,PHNjcmlwdD4=')])), { token });
    expect([script.status, JSON.stringify(script.body)]).toEqual([422, expect.stringContaining('directory.officers.0.photo')]);
    const crowd = await postBatch(c, await batch(directory(Array.from({ length: MAX_DIRECTORY_OFFICERS + 1 }, (_, i) => officer(i)))), { token });
    expect([crowd.status, JSON.stringify(crowd.body)]).toEqual([422, expect.stringContaining('directory.officers')]);
    const twice = await postBatch(c, await batch(directory([officer(1), officer(1)])), { token });
    expect([twice.status, JSON.stringify(twice.body)]).toEqual([422, expect.stringContaining('repeated in the directory')]);
    const empty = await postBatch(c, await batch(undefined), { token });
    expect([empty.status, JSON.stringify(empty.body)]).toEqual([422, expect.stringContaining('empty batch')]);
    expect((await c.store.directorySnapshot()).directories).toEqual([]);

    // The same batch, honestly signed and well formed, is taken: zero records, the directory stored.
    const fine = await postBatch(c, await batch(directory([officer(1)])), { token });
    expect(fine).toMatchObject({ status: 200, body: { accepted: [], duplicate: [], conflicts: [] } });
    expect((await c.store.directorySnapshot()).directories.map((d) => [d.deviceId, d.revision, d.officers.map((o) => o.name)])).toEqual([[deviceId, 1, ['Cán bộ 1']]]);
  });
});
