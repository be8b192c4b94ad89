// Acceptance 1 and 3: an offline kiosk set up by a provisioning file exports a sync file of
// ratings and reason answers; central (SQLite and PostgreSQL) imports it; the ack file brings
// both pending counts to 0; re-imports add 0. Then a file of reason answers only, and a date
// range re-export, make the same trip.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { enrollDevice, importSyncFiles, provisionDevice } from '../../central/sync-file-commands';
import { centralSigningKey } from '../../central/signing-key';
import { keyFingerprint } from '../../shared/sync-files/enrollment-file';
import { canonicalRatingJson, canonicalReasonAnswerJson } from '../../shared/sync/wire';
import { importAckFile } from '../../electron/backend/sync-files/ack-import';
import { exportEnrollmentFile } from '../../electron/backend/sync-files/enrollment-export';
import { importProvisioningFile } from '../../electron/backend/sync-files/provisioning-import';
import { NothingToExportError, exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../../electron/backend/reason-answers-repo';
import { readKioskSettings, readSyncSettings } from '../../electron/backend/settings-repo';
import { toWireRating } from '../../electron/backend/sync/wire-rating';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { storeFactories } from '../support/central-fixture';
import { addRatings, answerNegativeRatings, openTestKiosk, pendingCount, pendingReasonAnswerCount, tempFolder } from '../support/sync-file-kiosk';

function textSink() {
  const chunks: string[] = [];
  return { write: (t: string) => chunks.push(t), text: () => chunks.join('') };
}

const now = () => new Date('2026-11-24T03:00:00.000Z');
/** Where `central import` writes the ack of a sync file when no --ack-dir is given. */
const ackOf = (syncFile: string) => syncFile.replace(/\.hlsync$/, '.hlack');

describe.each(storeFactories)('sync files round trip on $storage', (factory) => {
  it('provisions an offline kiosk, carries its ratings to central and the ack back', async () => {
    const store = await factory.open({ now });
    const kiosk = openTestKiosk();
    const expectCentralHoldsAllAnswers = async () => {
      const atCentral = (await store.storedReasonAnswers(kiosk.deviceId)).map((s) => canonicalReasonAnswerJson(s.answer)).sort();
      expect(atCentral).toEqual(listAllAnswers(kiosk.db).map(canonicalReasonAnswerJson).sort());
    };
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
    const applied = await importProvisioningFile({
      db: kiosk.db, secrets: kiosk.secrets, file: provFile, now, audit: { actor: { role: 'it-admin', officerId: null, name: 'Cán bộ CNTT' }, via: 'kiosk-cli' },
      confirmedFingerprint: await keyFingerprint((await centralSigningKey(store)).publicKey),
    });
    expect(applied.pinnedNow).toBe(true);
    expect(readKioskSettings(kiosk.db)).toMatchObject({ officeName: 'UBND xã Tân Lập', counterNumber: 3, scaleId: 'vn-3' });
    expect(readSyncSettings(kiosk.db)).toEqual({ endpoint: null });
    const token = kiosk.secrets.read('device-token');
    expect(token).toBeDefined();
    expect(await store.authenticateDevice(token ?? '')).toMatchObject({ deviceId: kiosk.deviceId });

    addRatings(kiosk, 1234);
    expect(answerNegativeRatings(kiosk)).toBe(411); // every third rating is "không hài lòng"
    expect(pendingCount(kiosk.db)).toBe(1234);
    expect(pendingReasonAnswerCount(kiosk.db)).toBe(411);
    const progress: number[] = [];
    const exported = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0', onProgress: (w) => progress.push(w) });
    expect(exported).toMatchObject({ count: 1234, reasonAnswerCount: 411, fileNumber: 1 });
    expect(exported.manifest.health).toMatchObject({ pendingCount: 1234, pendingReasonAnswers: 411 });
    expect(progress.at(-1)).toBe(1234);
    expect(pendingCount(kiosk.db)).toBe(1234); // exporting marks nothing synced
    expect(pendingReasonAnswerCount(kiosk.db)).toBe(411);

    expect(await importSyncFiles({ command: 'import', files: [exported.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    expect(out.text()).toContain('1234 đánh giá (seq 1..1234), 411 câu trả lời lý do — đã nhập: 1645 mới');
    const stored = await store.storedRatings(kiosk.deviceId);
    expect(stored.map((s) => canonicalRatingJson(s.rating))).toEqual(listAll(kiosk.db).map((r) => canonicalRatingJson(r)));
    await expectCentralHoldsAllAnswers();
    // Issue 15: a reference code resolves at central after a sync file too (derived at ingest).
    const answered = listAllAnswers(kiosk.db)[7]?.ratingId ?? '';
    expect((await store.findByReference(referenceCodeOf(answered))).map((f) => f.rating?.rating.id)).toEqual([answered]);

    const first = await importAckFile({ db: kiosk.db, file: ackOf(exported.path), now });
    expect(first).toMatchObject({ changed: 1234 + 411, pendingCount: 0, pendingReasonAnswers: 0 });
    expect(pendingCount(kiosk.db)).toBe(0);
    expect(pendingReasonAnswerCount(kiosk.db)).toBe(0);
    const second = await importAckFile({ db: kiosk.db, file: ackOf(exported.path), now });
    expect(second).toMatchObject({ changed: 0, pendingCount: 0, pendingReasonAnswers: 0 });

    // The same file again: REPLAYED, nothing added; an ack is issued again for a lost one.
    expect(await importSyncFiles({ command: 'import', files: [exported.path], ackDir: tempFolder(), dataDir: '' }, store, io)).toBe(0);
    expect(out.text()).toContain('REPLAYED');
    expect(await store.storedRatings(kiosk.deviceId)).toHaveLength(1234);
    expect(await store.storedReasonAnswers(kiosk.deviceId)).toHaveLength(411);

    // A later export holds only what is pending (new ratings), numbered 2.
    addRatings(kiosk, 5);
    const next = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' });
    expect(next).toMatchObject({ count: 5, reasonAnswerCount: 0, fileNumber: 2, manifest: { seqFrom: 1235, seqTo: 1239 } });
    expect(await importSyncFiles({ command: 'import', files: [next.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    expect(await store.storedRatings(kiosk.deviceId)).toHaveLength(1239);
    expect((await importAckFile({ db: kiosk.db, file: ackOf(next.path), now })).pendingCount).toBe(0);

    // Reasons given after their ratings were acknowledged: a file of reason answers only.
    expect(answerNegativeRatings(kiosk)).toBe(2);
    const answersOnly = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' });
    expect(answersOnly).toMatchObject({
      count: 0,
      reasonAnswerCount: 2,
      fileNumber: 3,
      manifest: { seqFrom: null, seqTo: null, count: 0, firstCreatedAt: null, lastCreatedAt: null, reasonAnswerCount: 2 },
    });
    expect(answersOnly.path).toMatch(/-q3-[0-9a-f]{8}-f3-lydo\.hlsync$/);
    expect(await importSyncFiles({ command: 'import', files: [answersOnly.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    expect(out.text()).toContain('0 đánh giá, 2 câu trả lời lý do — đã nhập: 2 mới');
    await expectCentralHoldsAllAnswers();
    expect(await importAckFile({ db: kiosk.db, file: ackOf(answersOnly.path), now })).toMatchObject({ changed: 2, pendingCount: 0, pendingReasonAnswers: 0 });
    expect(await importSyncFiles({ command: 'import', files: [answersOnly.path], ackDir: tempFolder(), dataDir: '' }, store, io)).toBe(0);
    expect(await store.storedReasonAnswers(kiosk.deviceId)).toHaveLength(413);

    // Nothing pending of either kind: nothing to export, and no file number spent.
    await expect(exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0' })).rejects.toBeInstanceOf(NothingToExportError);

    // A date range re-exports the day's ratings with their answers, acknowledged or not: all duplicates.
    const day = await exportSyncFile({ db: kiosk.db, secrets: kiosk.secrets, outDir: usb, now, appVersion: '0.1.0', range: { fromDay: '2026-11-23', toDay: '2026-11-23' } });
    expect(day).toMatchObject({ count: 1239, reasonAnswerCount: 413, fileNumber: 4 });
    expect(await importSyncFiles({ command: 'import', files: [day.path], ackDir: undefined, dataDir: '' }, store, io)).toBe(0);
    expect(out.text()).toContain('đã nhập: 0 mới, 1652 trùng, 0 xung đột');
    expect(await store.storedRatings(kiosk.deviceId)).toHaveLength(1239);
    expect(await store.storedReasonAnswers(kiosk.deviceId)).toHaveLength(413);
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

function listAllAnswers(db: Database) {
  return (db.prepare('SELECT * FROM reason_answers ORDER BY rowid').all() as ReasonAnswerRow[]).map(toWireReasonAnswer);
}
