// Acceptance 2: every damaged, forged, replayed or foreign sync file is refused with its typed
// reason (or, for a replay, accepted as a no-op), and no refused file adds a row at central
// (rating or reason answer).
// Verified in-process with the codec and the real stores; a few cases through the endpoint.
import { describe, expect, it } from 'vitest';
import { buildCentralServer } from '../../central/central-server';
import { importSyncFile } from '../../central/sync-file-import';
import type { CentralStore } from '../../central/store/central-store';
import { SyncFileRejection, type SyncFileRejectionCode } from '../../shared/sync-files/rejections';
import { encodeSignedFile, generateSigningKeyPair, importPrivateKey, sha256Hex, utf8 } from '../../shared/sync-files/signed-file';
import { buildSyncFile, gzip, type SyncFileFacts, type SyncFileRecords } from '../../shared/sync-files/sync-file';
import { syncFileImportResponseSchema } from '../../shared/sync-files/import-response';
import { syncFileRejectionSchema } from '../../shared/sync-files/rejections';
import { capturingLogger, onCleanup, ratingId, ratingsFor, reasonAnswer, sqliteStores, storeFactories } from '../support/central-fixture';
import { seededRandom } from '../support/sync-rig';

const DEVICE_A = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
const DEVICE_B = '7a2d3b0f-5c8e-4d2b-8a4f-3e9c8b7d6f52';
const DEVICE_REVOKED = '8b3e4c1a-6d9f-4e3c-9b5a-4fad9c8e7a63';
const DEVICE_UNKNOWN = '9c4f5d2b-7eaa-4f4d-8c6b-5abeadf98b74';
const now = () => new Date('2026-11-30T02:00:00.000Z');

interface Kiosk {
  deviceId: string;
  privateKey: CryptoKey;
}

async function registeredKiosk(store: CentralStore, deviceId: string, counter: number): Promise<Kiosk> {
  const pair = await generateSigningKeyPair();
  await store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter, publicKey: pair.publicKey });
  return { deviceId, privateKey: await importPrivateKey(pair.privateKeyPkcs8) };
}

function facts(kiosk: Kiosk, fileNumber: number): SyncFileFacts {
  return {
    deviceId: kiosk.deviceId,
    officeCode: '000.00.21.H56',
    counter: 1,
    fileNumber,
    createdAt: '2026-11-23T17:00:00.000+07:00',
    health: { appVersion: '0.1.0', pendingCount: 40, pendingReasonAnswers: 14, integrityCheck: 'ok', clock: '2026-11-23T17:00:00.000+07:00', lastBootAt: null },
  };
}

/** The kiosk's ratings `ratingSeqs` and the reason answers to its ratings `answerSeqs`. */
function records(deviceId: string, ratingSeqs: number[], answerSeqs: number[] = []): SyncFileRecords {
  return { ratings: ratingsFor(deviceId, ratingSeqs), reasonAnswers: answerSeqs.map((seq) => reasonAnswer(deviceId, seq)) };
}

async function syncFile(kiosk: Kiosk, fileNumber: number, content: SyncFileRecords): Promise<Uint8Array> {
  return (await buildSyncFile(facts(kiosk, fileNumber), content, kiosk.privateKey)).bytes;
}

/** Every row central holds, ratings and reason answers. */
async function rowCount(store: CentralStore): Promise<number> {
  let rows = 0;
  for (const d of await store.deviceSummaries()) rows += d.ratingCount + (await store.storedReasonAnswers(d.deviceId)).length;
  return rows;
}

async function refusal(store: CentralStore, bytes: Uint8Array): Promise<SyncFileRejectionCode> {
  try {
    const result = await importSyncFile(store, bytes, now);
    throw new Error(`accepted (${result.outcome})`);
  } catch (error) {
    if (error instanceof SyncFileRejection) return error.code;
    throw error;
  }
}

const seqs = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('single-byte flips (SQLite store, seeded)', () => {
  it('refuses 3,000 flipped files across manifest, payload and signature, adding no row', async () => {
    const store = await sqliteStores.open({ now });
    const a = await registeredKiosk(store, DEVICE_A, 1);
    await registeredKiosk(store, DEVICE_B, 2);
    // 40 ratings and 14 reason answers: the manifest's counts of both kinds and the payload's
    // two arrays are all in the regions flipped.
    const good = await syncFile(a, 1, records(DEVICE_A, seqs(1, 40), seqs(1, 40, 3)));
    const text = Buffer.from(good);
    const magicEnd = text.indexOf(0x0a);
    const headerEnd = text.indexOf(0x0a, magicEnd + 1);
    const sigStart = text.lastIndexOf(Buffer.from('SIG ed25519 '));
    const regions = [
      { name: 'magic', from: 0, to: magicEnd + 1, allowed: ['NOT_A_SYNC_FILE', 'UNSUPPORTED_FORMAT', 'TRUNCATED', 'MALFORMED'] },
      { name: 'manifest', from: magicEnd + 1, to: headerEnd + 1, allowed: ['MALFORMED', 'UNSUPPORTED_FORMAT', 'UNKNOWN_DEVICE', 'BAD_SIGNATURE', 'HASH_MISMATCH', 'TRUNCATED'] },
      { name: 'payload', from: headerEnd + 1, to: sigStart, allowed: ['HASH_MISMATCH'] },
      { name: 'signature', from: sigStart, to: good.length, allowed: ['BAD_SIGNATURE', 'MALFORMED'] },
    ] as const;
    const random = seededRandom(20261123);
    const seen = new Map<string, Map<string, number>>();
    const FLIPS = 3000;
    for (let i = 0; i < FLIPS; i += 1) {
      // A quarter of the flips in each region, so the small regions are covered too.
      const region = regions[i % regions.length] ?? regions[0];
      const at = region.from + Math.floor(random() * (region.to - region.from));
      const flipped = new Uint8Array(good);
      flipped[at] = (flipped[at] ?? 0) ^ (1 + Math.floor(random() * 255));
      const code = await refusal(store, flipped);
      expect(region.allowed as readonly string[], `${region.name} byte ${at}`).toContain(code);
      const counts = seen.get(region.name) ?? new Map<string, number>();
      counts.set(code, (counts.get(code) ?? 0) + 1);
      seen.set(region.name, counts);
      if (i % 100 === 0) expect(await rowCount(store)).toBe(0);
    }
    expect(await rowCount(store)).toBe(0);
    expect(seen.get('payload')?.get('HASH_MISMATCH')).toBe(FLIPS / 4);
    // The untouched file still imports: the refusals were about the flips, not the file.
    expect((await importSyncFile(store, good, now)).outcome).toBe('imported');
    expect(await rowCount(store)).toBe(40 + 14);
  });
});

describe.each(storeFactories)('forged and damaged files on $storage', (factory) => {
  it('refuses truncation at every length, appended bytes, swapped manifests, foreign and revoked devices', async () => {
    const store = await factory.open({ now });
    const a = await registeredKiosk(store, DEVICE_A, 1);
    const b = await registeredKiosk(store, DEVICE_B, 2);
    const revoked = await registeredKiosk(store, DEVICE_REVOKED, 3);
    await store.revokeDevice(DEVICE_REVOKED);
    await store.addDevice({ deviceId: DEVICE_UNKNOWN, officeCode: '000.00.21.H56', counter: 4 }); // no public key
    const fileA = await syncFile(a, 1, records(DEVICE_A, seqs(1, 12), [3, 6]));
    const fileB = await syncFile(b, 1, records(DEVICE_B, seqs(1, 12), [3, 6]));

    const step = factory.storage === 'sqlite' ? 1 : 7; // every cut on SQLite; a spread on PostgreSQL
    for (let cut = 0; cut < fileA.length; cut += step) {
      expect(await refusal(store, fileA.subarray(0, cut)), `cut at ${cut}`).toBe('TRUNCATED');
    }
    expect(await refusal(store, new Uint8Array([...fileA, 0x0a]))).toBe('MALFORMED');
    expect(await refusal(store, new Uint8Array([...fileA, ...fileA]))).toBe('MALFORMED');
    expect(await refusal(store, new TextEncoder().encode('PK\x03\x04 a zip file\n'))).toBe('NOT_A_SYNC_FILE');
    expect(await refusal(store, new TextEncoder().encode('HLSYNC/2\n{}\n'))).toBe('UNSUPPORTED_FORMAT');

    // A's payload and signature under B's manifest line, and the other way round.
    const swapped = swapManifest(fileA, fileB);
    expect(['HASH_MISMATCH', 'BAD_SIGNATURE']).toContain(await refusal(store, swapped));
    expect(['HASH_MISMATCH', 'BAD_SIGNATURE']).toContain(await refusal(store, swapManifest(fileB, fileA)));

    // A file for B signed with A's key.
    const forged = (await buildSyncFile(facts(b, 5), records(DEVICE_B, seqs(1, 3), [3]), a.privateKey)).bytes;
    expect(await refusal(store, forged)).toBe('BAD_SIGNATURE');
    const forgedAnswersOnly = (await buildSyncFile(facts(b, 5), records(DEVICE_B, [], [3]), a.privateKey)).bytes;
    expect(await refusal(store, forgedAnswersOnly)).toBe('BAD_SIGNATURE');

    expect(await refusal(store, await syncFile(revoked, 1, records(DEVICE_REVOKED, seqs(1, 3))))).toBe('DEVICE_REVOKED');
    const stranger = { deviceId: '0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3', privateKey: a.privateKey };
    expect(await refusal(store, await syncFile(stranger, 1, records(stranger.deviceId, seqs(1, 3))))).toBe('UNKNOWN_DEVICE');
    const keyless = { deviceId: DEVICE_UNKNOWN, privateKey: a.privateKey };
    expect(await refusal(store, await syncFile(keyless, 1, records(DEVICE_UNKNOWN, [], [3])))).toBe('UNKNOWN_DEVICE');

    // Signed by the right key, but the manifest lies about the payload, or the payload breaks a rule.
    const both = records(DEVICE_A, seqs(1, 12), [3, 6, 9, 12]);
    const answersOnly = records(DEVICE_A, [], [3, 6]);
    const noRatings = { seqFrom: null, seqTo: null, count: 0, firstCreatedAt: null, lastCreatedAt: null };
    const [rating] = both.ratings;
    const [answer] = both.reasonAnswers;
    if (rating === undefined || answer === undefined) throw new Error('test records missing');
    const lies: [string, Promise<Uint8Array>, SyncFileRejectionCode][] = [
      ['count', signedWithManifest(a, both, { count: 13 }), 'MANIFEST_MISMATCH'],
      ['seqTo', signedWithManifest(a, both, { seqTo: 99 }), 'MANIFEST_MISMATCH'],
      ['firstCreatedAt', signedWithManifest(a, both, { firstCreatedAt: '2026-11-23T00:00:00.000+07:00' }), 'MANIFEST_MISMATCH'],
      ['reasonAnswerCount', signedWithManifest(a, both, { reasonAnswerCount: 3 }), 'MANIFEST_MISMATCH'],
      ['payloadSha256', signedWithManifest(a, both, { payloadSha256: '0'.repeat(64) }), 'HASH_MISMATCH'],
      ['rating of another device', syncFile(a, 1, { ...both, ratings: [{ ...rating, deviceId: DEVICE_B }] }), 'MANIFEST_MISMATCH'],
      ['answer of another device', syncFile(a, 1, { ...both, reasonAnswers: [{ ...answer, deviceId: DEVICE_B }] }), 'MANIFEST_MISMATCH'],
      ['answer repeated', syncFile(a, 1, { ...both, reasonAnswers: [answer, answer] }), 'MANIFEST_MISMATCH'],
      ['answer id = a rating id', syncFile(a, 1, { ...both, reasonAnswers: [{ ...answer, id: ratingId(DEVICE_A, 5) }] }), 'MANIFEST_MISMATCH'],
      ['reason repeated', syncFile(a, 1, { ...both, reasonAnswers: [{ ...answer, reasons: [...answer.reasons, ...answer.reasons] }] }), 'MANIFEST_MISMATCH'],
      ['answers-only manifest over ratings', signedWithManifest(a, both, noRatings), 'MANIFEST_MISMATCH'],
      ['answers-only file claiming a seq range', signedWithManifest(a, answersOnly, { seqFrom: 1, seqTo: 12 }), 'MALFORMED'],
      ['empty file', signedWithManifest(a, answersOnly, { reasonAnswerCount: 0 }, { ratings: [], reasonAnswers: [] }), 'MALFORMED'],
      ['payload of the old shape (bare array)', signedWithManifest(a, both, { reasonAnswerCount: 0 }, both.ratings), 'MALFORMED'],
      ['payload with an unknown key', signedWithManifest(a, both, {}, { ...both, comments: [] }), 'MALFORMED'],
      ['answer without reasons', signedWithManifest(a, answersOnly, {}, { ...answersOnly, reasonAnswers: [{ ...answer, reasons: [] }, answer] }), 'MALFORMED'],
    ];
    for (const [lie, file, code] of lies) expect(await refusal(store, await file), lie).toBe(code);
    expect(await rowCount(store)).toBe(0);

    // Replays: file 2 imported, then file 1 (older) and file 2 again are no-ops; the same for a
    // file of reason answers only (600: two chunks, neither with a seq range).
    const file2 = await syncFile(a, 2, records(DEVICE_A, seqs(1, 20), [3, 6]));
    expect((await importSyncFile(store, file2, now)).outcome).toBe('imported');
    expect(await rowCount(store)).toBe(22);
    const older = await importSyncFile(store, fileA, now);
    expect(older).toMatchObject({ outcome: 'replayed', accepted: 0, ackFile: null });
    const again = await importSyncFile(store, file2, now);
    expect(again.outcome).toBe('replayed');
    expect(again.ackFile).not.toBeNull();
    expect(await rowCount(store)).toBe(22);

    const file3 = await syncFile(a, 3, records(DEVICE_A, [], seqs(1, 600)));
    expect(await importSyncFile(store, file3, now)).toMatchObject({ outcome: 'imported', accepted: 598, duplicate: 2, conflicts: 0 });
    expect(await rowCount(store)).toBe(20 + 600);
    expect((await store.batchReceipts(DEVICE_A)).filter((r) => r.seqFrom === null && r.seqTo === null).map((r) => r.accepted + r.duplicate).sort((x, y) => x - y)).toEqual([100, 500]);
    expect(await importSyncFile(store, file3, now)).toMatchObject({ outcome: 'replayed', accepted: 0 });
    const otherFile3 = await syncFile(a, 3, records(DEVICE_A, [], [601]));
    expect(await importSyncFile(store, otherFile3, now)).toMatchObject({ outcome: 'replayed', accepted: 0, ackFile: null });
    expect(await rowCount(store)).toBe(20 + 600);
  });
});

describe('POST /api/v1/sync-files', () => {
  it('imports with an admin token, refuses without one, and types its refusals', async () => {
    const store = await sqliteStores.open({ now });
    const a = await registeredKiosk(store, DEVICE_A, 1);
    const admin = await store.addAdminToken('IT tỉnh');
    const server = buildCentralServer({ store, log: capturingLogger().log, now, version: 'test' });
    onCleanup(() => server.close());
    const post = (body: Uint8Array, token: string | undefined) =>
      server.inject({ method: 'POST', url: '/api/v1/sync-files', headers: { 'content-type': 'application/octet-stream', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }, payload: Buffer.from(body) });
    const file = await syncFile(a, 1, records(DEVICE_A, seqs(1, 30), [3, 6]));

    expect((await post(file, undefined)).statusCode).toBe(401);
    expect((await post(file, 'x'.repeat(43))).statusCode).toBe(401);
    const damaged = new Uint8Array(file);
    damaged[damaged.length - 200] = (damaged[damaged.length - 200] ?? 0) ^ 0x01;
    const refused = await post(damaged, admin);
    expect(refused.statusCode).toBe(422);
    expect(syncFileRejectionSchema.parse(refused.json()).error.code).toBe('HASH_MISMATCH');
    expect(await rowCount(store)).toBe(0);

    const ok = await post(file, admin);
    expect(ok.statusCode).toBe(200);
    expect(syncFileImportResponseSchema.parse(ok.json())).toMatchObject({ outcome: 'imported', count: 30, reasonAnswerCount: 2, accepted: 32, duplicate: 0, fileNumber: 1 });
    const replay = syncFileImportResponseSchema.parse((await post(file, admin)).json());
    expect(replay).toMatchObject({ outcome: 'replayed', accepted: 0 });
    expect(await rowCount(store)).toBe(32);

    // Reasons given after the ratings were carried: a file of reason answers only, with its ack.
    const answersOnly = await post(await syncFile(a, 2, records(DEVICE_A, [], [9, 12])), admin);
    expect(answersOnly.statusCode).toBe(200);
    const imported = syncFileImportResponseSchema.parse(answersOnly.json());
    expect(imported).toMatchObject({ outcome: 'imported', count: 0, reasonAnswerCount: 2, accepted: 2, fileNumber: 2 });
    expect(imported.ackFile).not.toBeNull();
    expect(await rowCount(store)).toBe(34);
  });
});

function swapManifest(target: Uint8Array, donor: Uint8Array): Uint8Array {
  const lines = (bytes: Uint8Array) => {
    const b = Buffer.from(bytes);
    const m = b.indexOf(0x0a);
    const h = b.indexOf(0x0a, m + 1);
    return { head: b.subarray(0, m + 1), manifest: b.subarray(m + 1, h + 1), rest: b.subarray(h + 1) };
  };
  const t = lines(target);
  return new Uint8Array(Buffer.concat([t.head, lines(donor).manifest, t.rest]));
}

/**
 * A file signed with the kiosk's own key whose manifest (the truth about `content`, then `lie`)
 * or payload (`payload`, default `content`) says something else: a signature proves who wrote
 * a file, not that it is consistent.
 */
async function signedWithManifest(kiosk: Kiosk, content: SyncFileRecords, lie: Record<string, unknown>, payloadJson: unknown = content): Promise<Uint8Array> {
  const { manifest } = await buildSyncFile(facts(kiosk, 1), content, kiosk.privateKey);
  const payload = await gzip(utf8(JSON.stringify(payloadJson)));
  return encodeSignedFile('HLSYNC', { ...manifest, payloadSha256: await sha256Hex(payload), payloadBytes: payload.length, ...lie }, payload, kiosk.privateKey);
}
