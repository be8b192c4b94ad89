// Issue 11: every point of the wire contract docs/sync-protocol.md decides, checked against a
// real central on 127.0.0.1 (SQLite and PostgreSQL): ids across kinds, Content-Type, field
// limits and required nullable keys, the codes for a body without an object, formatVersion or
// batchId, a seq reused under a new id, what Idempotency-Key does, UUID versions, localDay and
// the seq ceiling.
import { describe, expect, it } from 'vitest';
import type { CentralStore } from '../../central/store/central-store';
import { OTHER_KIND_CONFLICT_REASON, seqConflictReason } from '../../central/store/intake-rules';
import { syncFileImportResponseSchema } from '../../shared/sync-files/import-response';
import { generateSigningKeyPair, importPrivateKey } from '../../shared/sync-files/signed-file';
import { buildSyncFile, type SyncFileRecords } from '../../shared/sync-files/sync-file';
import { MAX_SEQ, syncAckSchema, type SyncBatchInput, type WireRating } from '../../shared/sync/wire';
import {
  batchOf,
  errorBody,
  gzipJson,
  postBatch,
  ratingId,
  ratingsFor,
  reasonAnswer,
  request,
  startCentral,
  storeFactories,
  wireRating,
  type CentralHarness,
  type StoreFactory,
} from '../support/central-fixture';

const MALFORMED = 'Yêu cầu không đúng định dạng (không phải gzip hoặc JSON hợp lệ).';
const INVALID_BATCH = 'Lô dữ liệu không hợp lệ.';
const V4_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const V7_DEVICE = '0193a1b0-5f3e-7c2d-9e8f-1a2b3c4d5e6f';

async function centralWithDevice(factory: StoreFactory, deviceId?: string) {
  const c = await startCentral(factory);
  const pair = await generateSigningKeyPair();
  const device = await c.store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 3, label: null, publicKey: pair.publicKey });
  return { c, ...device, privateKey: await importPrivateKey(pair.privateKeyPkcs8) };
}

/** The ack of a 200, parsed; fails the test on any other answer. */
async function acked(c: CentralHarness, batch: SyncBatchInput, token: string) {
  const response = await postBatch(c, batch, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return syncAckSchema.parse(response.body);
}

async function invalid(c: CentralHarness, batch: unknown, token: string) {
  return postBatch(c, batch as SyncBatchInput, { token, idempotencyKey: (batch as { batchId?: string }).batchId ?? '0193a1b2-c3d4-7e5f-8a6b-0000000000ff' });
}

function rawPost(c: CentralHarness, path: string, headers: Record<string, string>, body: Uint8Array) {
  return request(`${c.url}${path}`, { method: 'POST', headers, body: new Uint8Array(body) });
}

async function storedCounts(store: CentralStore, deviceId: string) {
  return { ratings: (await store.storedRatings(deviceId)).length, reasonAnswers: (await store.storedReasonAnswers(deviceId)).length };
}

describe.each(storeFactories)('wire contract with $storage', (factory) => {
  describe('ids are unique across ratings and reason answers', () => {
    it('a reason answer with a stored rating id, and a rating with a stored reason answer id, are conflicts', async () => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      await acked(c, batchOf(ratingsFor(deviceId, [1])), token);
      const answerWithRatingId = reasonAnswer(deviceId, 1, { id: ratingId(deviceId, 1) });
      const first = await acked(c, batchOf([], { reasonAnswers: [answerWithRatingId, reasonAnswer(deviceId, 2)] }), token);
      expect(first).toMatchObject({ accepted: [reasonAnswer(deviceId, 2).id], duplicate: [], conflicts: [{ id: ratingId(deviceId, 1), reason: OTHER_KIND_CONFLICT_REASON }] });

      // The reverse: rating 3 arrives under the id of the stored reason answer to rating 2.
      const ratingWithAnswerId = wireRating(deviceId, 3, { id: reasonAnswer(deviceId, 2).id });
      const second = await acked(c, batchOf([ratingWithAnswerId, wireRating(deviceId, 4)]), token);
      expect(second).toMatchObject({ accepted: [ratingId(deviceId, 4)], duplicate: [], conflicts: [{ id: ratingWithAnswerId.id, reason: OTHER_KIND_CONFLICT_REASON }] });
      // Resent: the same answer, not a duplicate.
      expect((await acked(c, batchOf([ratingWithAnswerId]), token)).conflicts).toEqual([{ id: ratingWithAnswerId.id, reason: OTHER_KIND_CONFLICT_REASON }]);

      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 2, reasonAnswers: 1 });
      expect((await c.store.storedRatings(deviceId)).map((r) => r.rating.seq)).toEqual([1, 4]);
    });

    it('the same at sync-file import (POST /api/v1/sync-files)', async () => {
      const { c, deviceId, token, privateKey } = await centralWithDevice(factory);
      const admin = await c.store.addAdminToken('IT tỉnh');
      await acked(c, batchOf(ratingsFor(deviceId, [1])), token);
      const records: SyncFileRecords = { ratings: ratingsFor(deviceId, [2]), reasonAnswers: [reasonAnswer(deviceId, 1, { id: ratingId(deviceId, 1) })] };
      const file = await syncFile(deviceId, privateKey, 1, records);
      const response = await rawPost(c, '/api/v1/sync-files', { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/octet-stream' }, file);
      expect(response.status).toBe(200);
      expect(syncFileImportResponseSchema.parse(response.body)).toMatchObject({ outcome: 'imported', accepted: 1, duplicate: 0, conflicts: 1 });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 2, reasonAnswers: 0 });
    });
  });

  describe('Content-Type', () => {
    it.each([
      ['no Content-Type', undefined],
      ['text/plain', 'text/plain'],
      ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
      ['application/jsonx', 'application/jsonx'],
    ])('POST /api/v1/batches with %s: 400 MALFORMED, nothing stored', async (_case, type) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const batch = batchOf(ratingsFor(deviceId, [1]));
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Encoding': 'gzip', 'Idempotency-Key': batch.batchId };
      if (type !== undefined) headers['Content-Type'] = type;
      expect(await rawPost(c, '/api/v1/batches', headers, gzipJson(batch))).toEqual({
        status: 400,
        body: errorBody('MALFORMED', MALFORMED, 'Content-Type phải là application/json'),
      });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });

    it('POST /api/v1/batches takes application/json with parameters, in any case', async () => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const batch = batchOf(ratingsFor(deviceId, [1]));
      const response = await postBatch(c, batch, { token, headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' } });
      expect(response.status).toBe(200);
    });

    it('POST /api/v1/sync-files takes application/octet-stream only', async () => {
      const { c, deviceId, privateKey } = await centralWithDevice(factory);
      const admin = await c.store.addAdminToken('IT tỉnh');
      const file = await syncFile(deviceId, privateKey, 1, { ratings: ratingsFor(deviceId, [1]), reasonAnswers: [] });
      for (const type of ['application/json', 'text/plain']) {
        expect(await rawPost(c, '/api/v1/sync-files', { Authorization: `Bearer ${admin}`, 'Content-Type': type }, file)).toEqual({
          status: 400,
          body: errorBody('MALFORMED', MALFORMED, 'Content-Type phải là application/octet-stream'),
        });
      }
      const ok = await rawPost(c, '/api/v1/sync-files', { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/octet-stream' }, file);
      expect(ok.status).toBe(200);
    });
  });

  describe('field limits', () => {
    const long = (n: number) => 'x'.repeat(n);
    const reasonsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `R${i}`, label: `Lý do ${i}` }));
    it('accepts every field at its limit', async () => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const rating = wireRating(deviceId, 1, {
        seq: MAX_SEQ,
        level: 3,
        officerId: long(64),
        serviceCode: long(64),
        dossierCode: long(100),
        reasons: Array.from({ length: 20 }, () => long(200)),
        flags: Array.from({ length: 20 }, () => long(64)),
        appVersion: long(40),
      });
      const answer = reasonAnswer(deviceId, 1, { reasons: reasonsOf(20).map((r, i) => ({ code: long(63) + String.fromCharCode(65 + i), label: long(200) })) });
      const ack = await acked(c, batchOf([rating], { appVersion: long(40), reasonAnswers: [answer] }), token);
      expect(ack.accepted).toEqual([rating.id, answer.id]);
    });

    const over: [string, (deviceId: string) => unknown, string][] = [
      ['officerId of 65 characters', (d) => batchOf([wireRating(d, 1, { officerId: long(65) })]), 'ratings.0.officerId'],
      ['an empty officerId', (d) => batchOf([wireRating(d, 1, { officerId: '' })]), 'ratings.0.officerId'],
      ['serviceCode of 65 characters', (d) => batchOf([wireRating(d, 1, { serviceCode: long(65) })]), 'ratings.0.serviceCode'],
      ['dossierCode of 101 characters', (d) => batchOf([wireRating(d, 1, { dossierCode: long(101) })]), 'ratings.0.dossierCode'],
      ['21 reasons on a rating', (d) => batchOf([wireRating(d, 1, { reasons: Array.from({ length: 21 }, () => 'a') })]), 'ratings.0.reasons'],
      ['a rating reason of 201 characters', (d) => batchOf([wireRating(d, 1, { reasons: [long(201)] })]), 'ratings.0.reasons.0'],
      ['21 flags', (d) => batchOf([wireRating(d, 1, { flags: Array.from({ length: 21 }, () => 'burst') })]), 'ratings.0.flags'],
      ['a flag of 65 characters', (d) => batchOf([wireRating(d, 1, { flags: [long(65)] })]), 'ratings.0.flags.0'],
      ["a rating's appVersion of 41 characters", (d) => batchOf([wireRating(d, 1, { appVersion: long(41) })]), 'ratings.0.appVersion'],
      ["the batch's appVersion of 41 characters", (d) => batchOf(ratingsFor(d, [1]), { appVersion: long(41) }), 'appVersion'],
      ['seq 0', (d) => batchOf([wireRating(d, 1, { seq: 0 })], { seqFrom: 1, seqTo: 1 }), 'ratings.0.seq'],
      [`seq ${MAX_SEQ + 1}`, (d) => batchOf([wireRating(d, 1, { seq: MAX_SEQ + 1 })], { seqFrom: MAX_SEQ, seqTo: MAX_SEQ }), 'ratings.0.seq'],
      [`seqTo ${MAX_SEQ + 1}`, (d) => batchOf(ratingsFor(d, [1]), { seqTo: MAX_SEQ + 1 }), 'seqTo'],
      [`seqFrom ${MAX_SEQ + 1}`, (d) => batchOf(ratingsFor(d, [1]), { seqFrom: MAX_SEQ + 1 }), 'seqFrom'],
      ['a reason answer with 21 reasons', (d) => batchOf([], { reasonAnswers: [reasonAnswer(d, 1, { reasons: reasonsOf(21) })] }), 'reasonAnswers.0.reasons'],
      ['a reason answer with no reason', (d) => batchOf([], { reasonAnswers: [reasonAnswer(d, 1, { reasons: [] })] }), 'reasonAnswers.0.reasons'],
      ['a reason code of 65 characters', (d) => batchOf([], { reasonAnswers: [reasonAnswer(d, 1, { reasons: [{ code: long(65), label: 'x' }] })] }), 'reasonAnswers.0.reasons.0.code'],
      ['a reason label of 201 characters', (d) => batchOf([], { reasonAnswers: [reasonAnswer(d, 1, { reasons: [{ code: 'A', label: long(201) }] })] }), 'reasonAnswers.0.reasons.0.label'],
    ];
    it.each(over)('422 INVALID_BATCH for %s', async (_case, build, path) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const response = await invalid(c, build(deviceId), token);
      expect(response).toEqual({ status: 422, body: errorBody('INVALID_BATCH', INVALID_BATCH, expect.stringMatching(new RegExp(`^${path.replaceAll('.', '\\.')}: `)) as unknown as string) });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });

    it.each([
      ['officerId', 'ratings.0.officerId'],
      ['serviceCode', 'ratings.0.serviceCode'],
      ['dossierCode', 'ratings.0.dossierCode'],
      ['seqFrom', 'seqFrom'],
      ['seqTo', 'seqTo'],
    ])('422 INVALID_BATCH when the nullable key %s is missing', async (key, path) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const { ratings, ...batch } = batchOf(ratingsFor(deviceId, [1]));
      const without = (record: object) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
      const sent = path.startsWith('ratings.') ? { ...batch, ratings: ratings.map(without) } : { ...without(batch), ratings };
      const response = await invalid(c, sent, token);
      expect(response).toMatchObject({ status: 422, body: { error: { code: 'INVALID_BATCH', detail: expect.stringContaining(`${path}: Invalid input`) } } });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });
  });

  describe('a body without an object, formatVersion or batchId', () => {
    it.each([
      ['an array', []],
      ['a string', 'batch'],
      ['a number', 42],
      ['null', null],
    ])('422 INVALID_BATCH for %s', async (_case, body) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const response = await postBatch(c, gzipJson(body), { token, idempotencyKey: '0193a1b2-c3d4-7e5f-8a6b-0000000000ff' });
      expect(response).toEqual({ status: 422, body: errorBody('INVALID_BATCH', INVALID_BATCH, 'Nội dung không phải một đối tượng JSON') });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });

    it('422 INVALID_BATCH "thiếu formatVersion", also without an Idempotency-Key', async () => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const batch: Partial<SyncBatchInput> = batchOf(ratingsFor(deviceId, [1]));
      delete batch.formatVersion;
      for (const idempotencyKey of [batch.batchId, null]) {
        expect(await postBatch(c, gzipJson(batch), { token, idempotencyKey: idempotencyKey ?? null })).toEqual({
          status: 422,
          body: errorBody('INVALID_BATCH', INVALID_BATCH, 'thiếu formatVersion'),
        });
      }
    });

    it('422 INVALID_BATCH "thiếu batchId", whatever the Idempotency-Key', async () => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const { batchId, ...batch } = batchOf(ratingsFor(deviceId, [1]));
      for (const idempotencyKey of [batchId, null]) {
        expect(await postBatch(c, gzipJson(batch), { token, idempotencyKey })).toEqual({
          status: 422,
          body: errorBody('INVALID_BATCH', INVALID_BATCH, 'thiếu batchId'),
        });
      }
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });
  });

  it('a seq reused under a new id is a conflict naming the stored rating; the original is kept', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    await acked(c, batchOf(ratingsFor(deviceId, [1, 2])), token);
    const reused = wireRating(deviceId, 2, { id: V4_ID });
    const ack = await acked(c, batchOf([reused, wireRating(deviceId, 3)]), token);
    expect(ack).toMatchObject({ accepted: [ratingId(deviceId, 3)], duplicate: [], conflicts: [{ id: V4_ID, reason: seqConflictReason(2, ratingId(deviceId, 2)) }] });
    expect((await c.store.storedRatings(deviceId)).map((r) => r.rating.id)).toEqual([1, 2, 3].map((s) => ratingId(deviceId, s)));
  });

  it('Idempotency-Key stores no answer: the same records are duplicates under the same batchId and under a new one', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const batch = batchOf(ratingsFor(deviceId, [1, 2]), { reasonAnswers: [reasonAnswer(deviceId, 1)] });
    const ids = [ratingId(deviceId, 1), ratingId(deviceId, 2), reasonAnswer(deviceId, 1).id];
    expect(await acked(c, batch, token)).toMatchObject({ accepted: ids, duplicate: [] });
    expect(await acked(c, batch, token)).toMatchObject({ batchId: batch.batchId, accepted: [], duplicate: ids, conflicts: [] });
    const renamed = { ...batch, batchId: '0193a1b2-c3d4-7e5f-8a6b-0000000000aa' };
    expect(await acked(c, renamed, token)).toMatchObject({ batchId: renamed.batchId, accepted: [], duplicate: ids, conflicts: [] });
    expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 2, reasonAnswers: 1 });
  });

  describe('UUIDs', () => {
    it('accepts a v4 record id from a device whose id is a v7 UUID', async () => {
      const { c, deviceId, token } = await centralWithDevice(factory, V7_DEVICE);
      const ack = await acked(c, batchOf([wireRating(deviceId, 1, { id: V4_ID })]), token);
      expect(ack.accepted).toEqual([V4_ID]);
    });

    it.each([
      ['not a UUID', 'rating-1'],
      ['version 0', '3b241101-e2bb-0255-8caf-4136c566a962'],
      ['version 9', '3b241101-e2bb-9255-8caf-4136c566a962'],
      ['the NCS variant', '3b241101-e2bb-4255-7caf-4136c566a962'],
      ['no hyphens', '3b241101e2bb42558caf4136c566a962'],
    ])('422 INVALID_BATCH for a record id that is %s', async (_case, id) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const response = await invalid(c, batchOf([wireRating(deviceId, 1, { id })]), token);
      expect(response).toEqual({ status: 422, body: errorBody('INVALID_BATCH', INVALID_BATCH, 'ratings.0.id: Invalid UUID') });
    });
  });

  describe('localDay is the date of createdAt in its own offset', () => {
    const at = (deviceId: string, createdAt: string, localDay: string): WireRating => wireRating(deviceId, 1, { createdAt, localDay });

    it.each([
      ['+07:00 just after midnight (the UTC date is the day before)', '2026-11-24T00:30:00.000+07:00', '2026-11-24'],
      ['written in UTC', '2026-11-23T16:30:00.000Z', '2026-11-23'],
    ])('accepts createdAt %s', async (_case, createdAt, localDay) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      expect((await acked(c, batchOf([at(deviceId, createdAt, localDay)]), token)).accepted).toHaveLength(1);
    });

    it.each([
      ['the UTC date of a +07:00 time', '2026-11-24T00:30:00.000+07:00', '2026-11-23'],
      ['the next day', '2026-11-23T23:30:00.000+07:00', '2026-11-24'],
    ])('422 INVALID_BATCH naming the rating for %s', async (_case, createdAt, localDay) => {
      const { c, deviceId, token } = await centralWithDevice(factory);
      const response = await invalid(c, batchOf([wireRating(deviceId, 2), { ...at(deviceId, createdAt, localDay), seq: 3, id: ratingId(deviceId, 3) }]), token);
      expect(response).toEqual({ status: 422, body: errorBody('INVALID_BATCH', INVALID_BATCH, 'ratings.1.localDay: localDay is not the date of createdAt') });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });

    it('a sync file with such a rating is refused (422 MALFORMED), nothing stored', async () => {
      const { c, deviceId, privateKey } = await centralWithDevice(factory);
      const admin = await c.store.addAdminToken('IT tỉnh');
      const file = await syncFile(deviceId, privateKey, 1, { ratings: [wireRating(deviceId, 1), { ...at(deviceId, '2026-11-24T00:30:00.000+07:00', '2026-11-23'), seq: 2, id: ratingId(deviceId, 2) }], reasonAnswers: [] });
      const response = await rawPost(c, '/api/v1/sync-files', { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/octet-stream' }, file);
      expect(response).toMatchObject({ status: 422, body: { error: { code: 'MALFORMED', detail: 'bản ghi không hợp lệ: ratings.1.localDay: localDay is not the date of createdAt' } } });
      expect(await storedCounts(c.store, deviceId)).toEqual({ ratings: 0, reasonAnswers: 0 });
    });
  });
});

async function syncFile(deviceId: string, privateKey: CryptoKey, fileNumber: number, records: SyncFileRecords): Promise<Uint8Array> {
  const facts = {
    deviceId,
    officeCode: '000.00.21.H56',
    counter: 3,
    fileNumber,
    createdAt: '2026-11-23T17:00:00.000+07:00',
    health: { appVersion: '0.1.0', pendingCount: records.ratings.length, pendingReasonAnswers: records.reasonAnswers.length, integrityCheck: 'ok' as const, clock: '2026-11-23T17:00:00.000+07:00', lastBootAt: null },
  };
  return (await buildSyncFile(facts, records, privateKey)).bytes;
}
