// POST /api/v1/batches with reason answers (the reasons a citizen gave after a negative rating):
// stored once each, in the batch's transaction, answered in the same ack as the ratings, and
// refused whole when malformed. Every test runs against SQLite and PostgreSQL.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalReasonAnswerJson, type SyncBatchInput, type WireReasonAnswer } from '../../shared/sync/wire';
import {
  batchOf,
  CENTRAL_NOW,
  errorBody,
  postBatch,
  ratingId,
  ratingsFor,
  reasonAnswer,
  reasonAnswerId,
  startCentral,
  storeFactories,
  wireRating,
  type CentralHarness,
  type StoreFactory,
} from '../support/central-fixture';

const ANSWER_CONFLICT = 'Mã câu trả lời lý do đã tồn tại với nội dung khác';
const INVALID_BATCH = 'Lô dữ liệu không hợp lệ.';
const LATER = '2026-11-23T02:25:00.000Z';

function stored(answer: WireReasonAnswer, batchId: string, receivedAt = CENTRAL_NOW) {
  return { answer, contentHash: createHash('sha256').update(canonicalReasonAnswerJson(answer)).digest('hex'), batchId, receivedAt };
}

async function centralWithDevice(factory: StoreFactory) {
  const c = await startCentral(factory);
  return { c, ...(await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 1, label: 'Quầy 1' })) };
}

async function expectNothingStored(c: CentralHarness, deviceId: string): Promise<void> {
  expect(await c.store.storedReasonAnswers(deviceId)).toEqual([]);
  expect(await c.store.storedRatings(deviceId)).toEqual([]);
  expect(await c.store.batchReceipts(deviceId)).toEqual([]);
}

describe.each(storeFactories)('reason answers into $storage', (factory) => {
  it('stores answers beside the ratings of their batch and acknowledges every id of both', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const ratings = ratingsFor(deviceId, [1, 2, 3]);
    // Sent newest first: central still lists them by createdAt.
    const later = reasonAnswer(deviceId, 3);
    const earlier = reasonAnswer(deviceId, 2, { reasons: [{ code: 'KHAC', label: 'Lý do khác' }] });
    const batch = batchOf(ratings, { reasonAnswers: [later, earlier] });

    const response = await postBatch(c, batch, { token });

    expect(response).toEqual({
      status: 200,
      body: { batchId: batch.batchId, accepted: [...ratings, later, earlier].map((r) => r.id), duplicate: [], conflicts: [], receivedAt: CENTRAL_NOW },
    });
    expect(await c.store.storedReasonAnswers(deviceId)).toEqual([stored(earlier, batch.batchId), stored(later, batch.batchId)]);
    expect(await c.store.storedRatings(deviceId)).toHaveLength(3);
    expect(await c.store.batchReceipts(deviceId)).toMatchObject([{ seqFrom: 1, seqTo: 3, accepted: 5, duplicate: 0, conflicts: 0 }]);
  });

  it('answers a resend with duplicate and adds nothing', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const rating = wireRating(deviceId, 1);
    const answer = reasonAnswer(deviceId, 1);
    const batch = batchOf([rating], { reasonAnswers: [answer] });
    await postBatch(c, batch, { token });

    c.clock.set(LATER);
    const response = await postBatch(c, batch, { token });

    expect(response.body).toEqual({ batchId: batch.batchId, accepted: [], duplicate: [rating.id, answer.id], conflicts: [], receivedAt: LATER });
    expect(await c.store.storedReasonAnswers(deviceId)).toEqual([stored(answer, batch.batchId)]);
    expect((await c.store.batchReceipts(deviceId)).map((b) => [b.accepted, b.duplicate])).toEqual([
      [2, 0],
      [0, 2],
    ]);
  });

  it('reports a changed answer as a conflict and keeps the original', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const original = reasonAnswer(deviceId, 1);
    const first = batchOf([], { reasonAnswers: [original] });
    await postBatch(c, first, { token });

    const changed = { ...original, reasons: [{ code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' }] };
    const next = reasonAnswer(deviceId, 2);
    const second = batchOf([], { reasonAnswers: [changed, next] });
    const response = await postBatch(c, second, { token });

    expect(response.body).toEqual({
      batchId: second.batchId,
      accepted: [next.id],
      duplicate: [],
      conflicts: [{ id: original.id, reason: ANSWER_CONFLICT }],
      receivedAt: CENTRAL_NOW,
    });
    expect(await c.store.storedReasonAnswers(deviceId)).toEqual([stored(original, first.batchId), stored(next, second.batchId)]);
    expect((await c.store.batchReceipts(deviceId)).at(-1)).toMatchObject({ accepted: 1, duplicate: 0, conflicts: 1 });
  });

  it('accepts a batch of answers only, for ratings central has not seen, with no seq range', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const answer = reasonAnswer(deviceId, 7);
    const batch = batchOf([], { reasonAnswers: [answer] });
    expect(batch).toMatchObject({ seqFrom: null, seqTo: null, ratings: [] });

    const response = await postBatch(c, batch, { token });

    expect(response).toEqual({ status: 200, body: { batchId: batch.batchId, accepted: [answer.id], duplicate: [], conflicts: [], receivedAt: CENTRAL_NOW } });
    expect(await c.store.storedReasonAnswers(deviceId)).toEqual([stored(answer, batch.batchId)]);
    expect(await c.store.batchReceipts(deviceId)).toEqual([
      { batchId: batch.batchId, deviceId, receivedAt: CENTRAL_NOW, sentAt: batch.sentAt, appVersion: '0.1.0', seqFrom: null, seqTo: null, accepted: 1, duplicate: 0, conflicts: 0 },
    ]);
    const [summary] = await c.store.deviceSummaries();
    expect(summary).toMatchObject({ lastSeenAt: CENTRAL_NOW, ratingCount: 0, maxSeq: 0, gaps: [] });
  });

  it('accepts a batch written before reason answers existed (no reasonAnswers field)', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const oldStyle: SyncBatchInput = batchOf(ratingsFor(deviceId, [1, 2]));
    delete oldStyle.reasonAnswers;

    const response = await postBatch(c, oldStyle, { token });

    expect(response).toMatchObject({ status: 200, body: { accepted: oldStyle.ratings.map((r) => r.id), duplicate: [], conflicts: [] } });
    expect(await c.store.storedRatings(deviceId)).toHaveLength(2);
    expect(await c.store.storedReasonAnswers(deviceId)).toEqual([]);
  });

  it.each([
    ['of another device', (deviceId: string) => [reasonAnswer(deviceId, 1, { deviceId: '00000000-0000-4000-8000-000000000000' })], 'reasonAnswers.0.deviceId: not the batch device'],
    ['repeating an answer id', (deviceId: string) => [reasonAnswer(deviceId, 1), reasonAnswer(deviceId, 2, { id: reasonAnswerId(deviceId, 1) })], 'reasonAnswers.1.id: id repeated in batch'],
    ["reusing a rating's id", (deviceId: string) => [reasonAnswer(deviceId, 1, { id: ratingId(deviceId, 1) })], 'reasonAnswers.0.id: id repeated in batch'],
    [
      'repeating a reason code',
      (deviceId: string) => [reasonAnswer(deviceId, 1, { reasons: [{ code: 'KHAC', label: 'Lý do khác' }, { code: 'KHAC', label: 'Khác nữa' }] })],
      'reasonAnswers.0.reasons: reason code repeated',
    ],
  ])('422 INVALID_BATCH for an answer %s, storing nothing', async (_case, answers, detail) => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const batch = batchOf(ratingsFor(deviceId, [1]), { reasonAnswers: answers(deviceId) });

    expect(await postBatch(c, batch, { token })).toEqual({ status: 422, body: errorBody('INVALID_BATCH', INVALID_BATCH, detail) });
    await expectNothingStored(c, deviceId);
  });

  it('stores each answer once when the same batch arrives five times at once', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const answers = [1, 2, 3, 4].map((seq) => reasonAnswer(deviceId, seq));
    const batch = batchOf([], { reasonAnswers: answers });

    const responses = await Promise.all(Array.from({ length: 5 }, () => postBatch(c, batch, { token })));

    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(200));
    const accepted = responses.flatMap((r) => (r.body as { accepted: string[] }).accepted);
    expect(accepted.sort()).toEqual(answers.map((a) => a.id).sort());
    expect(await c.store.storedReasonAnswers(deviceId)).toHaveLength(4);
  });
});
