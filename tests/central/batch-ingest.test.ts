// POST /api/v1/batches when the request is good: exactly-once storage (accepted, duplicate,
// conflict), what central stores beside each rating, and resends racing each other.
// Every test runs against SQLite and PostgreSQL and checks the answer and the stored rows.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRatingJson, MAX_BATCH_BYTES, MAX_BATCH_RATINGS, type WireRating } from '../../shared/sync/wire';
import {
  batchOf,
  CENTRAL_NOW,
  postBatch,
  ratingsFor,
  startCentral,
  storeFactories,
  wireRating,
  type CentralHarness,
} from '../support/central-fixture';

const ID_CONFLICT = 'Mã đánh giá đã tồn tại với nội dung khác';
// batchOf's sentAt is 09:19:58.892+07:00 = 02:19:58.892Z; CENTRAL_NOW is 02:20:00.412Z.
const OFFSET_MS = 1520;

const hash = (r: WireRating) => createHash('sha256').update(canonicalRatingJson(r)).digest('hex');

function stored(rating: WireRating, batchId: string, more: { receivedAt?: string; clockOffsetMs?: number; centralFlags?: string[] } = {}) {
  return {
    rating,
    contentHash: hash(rating),
    batchId,
    receivedAt: more.receivedAt ?? CENTRAL_NOW,
    clockOffsetMs: more.clockOffsetMs ?? OFFSET_MS,
    centralFlags: more.centralFlags ?? [],
  };
}

async function device(c: CentralHarness, counter = 1) {
  return c.store.addDevice({ officeCode: '000.00.21.H56', counter, label: `Quầy ${counter}` });
}

describe.each(storeFactories)('batches into $storage', (factory) => {
  it('accepts new ratings and stores them with their batch, arrival time and clock offset', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const batch = batchOf(ratingsFor(deviceId, [1, 2, 3]));

    const response = await postBatch(c, batch, { token });

    expect(response).toEqual({
      status: 200,
      body: { batchId: batch.batchId, accepted: batch.ratings.map((r) => r.id), duplicate: [], conflicts: [], receivedAt: CENTRAL_NOW },
    });
    expect(await c.store.storedRatings(deviceId)).toEqual(batch.ratings.map((r) => stored(r, batch.batchId)));
    expect(await c.store.batchReceipts(deviceId)).toEqual([
      { batchId: batch.batchId, deviceId, receivedAt: CENTRAL_NOW, sentAt: batch.sentAt, appVersion: '0.1.0', seqFrom: 1, seqTo: 3, accepted: 3, duplicate: 0, conflicts: 0 },
    ]);
    const [summary] = await c.store.deviceSummaries();
    expect(summary).toMatchObject({ lastSeenAt: CENTRAL_NOW, appVersion: '0.1.0', clockOffsetMs: OFFSET_MS, ratingCount: 3, maxSeq: 3, gaps: [] });
  });

  it('answers a resend with duplicate and keeps the first delivery as stored', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const batch = batchOf(ratingsFor(deviceId, [1, 2]));
    await postBatch(c, batch, { token });

    c.clock.set('2026-11-23T02:25:00.000Z');
    const response = await postBatch(c, { ...batch, sentAt: '2026-11-23T09:24:59.000+07:00', appVersion: '0.1.1' }, { token });

    expect(response).toEqual({
      status: 200,
      body: { batchId: batch.batchId, accepted: [], duplicate: batch.ratings.map((r) => r.id), conflicts: [], receivedAt: '2026-11-23T02:25:00.000Z' },
    });
    expect(await c.store.storedRatings(deviceId)).toEqual(batch.ratings.map((r) => stored(r, batch.batchId)));
    expect((await c.store.batchReceipts(deviceId)).map((b) => [b.receivedAt, b.accepted, b.duplicate])).toEqual([
      [CENTRAL_NOW, 2, 0],
      ['2026-11-23T02:25:00.000Z', 0, 2],
    ]);
    const [summary] = await c.store.deviceSummaries();
    expect(summary).toMatchObject({ lastSeenAt: '2026-11-23T02:25:00.000Z', appVersion: '0.1.1', clockOffsetMs: 1000, ratingCount: 2 });
  });

  it('reports a changed rating as a conflict and keeps the original untouched', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const [one, two] = ratingsFor(deviceId, [1, 2]) as [WireRating, WireRating];
    const first = batchOf([one, two]);
    await postBatch(c, first, { token });

    const changed = { ...two, level: 3, reasons: ['Thái độ cán bộ chưa tốt'] };
    const three = wireRating(deviceId, 3);
    const second = batchOf([one, changed, three]);
    const response = await postBatch(c, second, { token });

    expect(response).toEqual({
      status: 200,
      body: { batchId: second.batchId, accepted: [three.id], duplicate: [one.id], conflicts: [{ id: two.id, reason: ID_CONFLICT }], receivedAt: CENTRAL_NOW },
    });
    expect(await c.store.storedRatings(deviceId)).toEqual([stored(one, first.batchId), stored(two, first.batchId), stored(three, second.batchId)]);
    expect((await c.store.batchReceipts(deviceId)).at(-1)).toMatchObject({ accepted: 1, duplicate: 1, conflicts: 1 });
  });

  it('refuses a new id that reuses a stored seq of the device', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const original = wireRating(deviceId, 7);
    const first = batchOf([original]);
    await postBatch(c, first, { token });

    const impostor = wireRating(deviceId, 7, { id: '0193a1b0-0000-7000-8000-0000000000ff' });
    const second = batchOf([impostor]);
    const response = await postBatch(c, second, { token });

    expect(response).toEqual({
      status: 200,
      body: {
        batchId: second.batchId,
        accepted: [],
        duplicate: [],
        conflicts: [{ id: impostor.id, reason: `Số thứ tự (seq) 7 của thiết bị đã thuộc về đánh giá khác (${original.id})` }],
        receivedAt: CENTRAL_NOW,
      },
    });
    expect(await c.store.storedRatings(deviceId)).toEqual([stored(original, first.batchId)]);
  });

  it('refuses a batch in which two ids share a seq, storing neither', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const a = wireRating(deviceId, 4);
    const b = wireRating(deviceId, 4, { id: '0193a1b0-0000-7000-8000-0000000000fe', level: 2 });

    const response = await postBatch(c, batchOf([a, b]), { token });

    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: { code: 'INVALID_BATCH', message: 'Lô dữ liệu không hợp lệ.', detail: 'ratings.1.seq: seq repeated in batch' },
    });
    expect(await c.store.storedRatings(deviceId)).toEqual([]);
  });

  it('treats a rating id already stored for another device as a conflict', async () => {
    const c = await startCentral(factory);
    const first = await device(c, 1);
    const second = await device(c, 2);
    const taken = wireRating(first.deviceId, 1);
    await postBatch(c, batchOf([taken]), { token: first.token });

    const copy = wireRating(second.deviceId, 1, { id: taken.id });
    const batch = batchOf([copy]);
    const response = await postBatch(c, batch, { token: second.token });

    expect(response.body).toEqual({ batchId: batch.batchId, accepted: [], duplicate: [], conflicts: [{ id: taken.id, reason: ID_CONFLICT }], receivedAt: CENTRAL_NOW });
    expect(await c.store.storedRatings(second.deviceId)).toEqual([]);
    expect(await c.store.storedRatings(first.deviceId)).toHaveLength(1);
  });

  it('stores ratings with implausible times, flagged, never dropped', async () => {
    const c = await startCentral(factory, '2026-11-23T02:20:00.000Z');
    const { deviceId, token } = await device(c);
    const ratings = [
      wireRating(deviceId, 1, { createdAt: '2025-12-31T23:59:59.999+07:00', localDay: '2025-12-31' }),
      wireRating(deviceId, 2, { createdAt: '2026-01-01T00:00:00.000+07:00', localDay: '2026-01-01' }),
      wireRating(deviceId, 3, { createdAt: '2026-11-23T09:25:00.000+07:00' }), // central + 5 min: tolerated
      wireRating(deviceId, 4, { createdAt: '2026-11-23T09:25:00.001+07:00' }),
      wireRating(deviceId, 5, { createdAt: '2031-01-01T08:00:00.000+07:00', localDay: '2031-01-01' }),
    ];
    const batch = batchOf(ratings, { sentAt: '2026-11-23T02:21:00.000Z' });

    const response = await postBatch(c, batch, { token });

    expect(response.body).toMatchObject({ accepted: ratings.map((r) => r.id), duplicate: [], conflicts: [] });
    const at = { receivedAt: '2026-11-23T02:20:00.000Z', clockOffsetMs: -60_000 };
    const [r1, r2, r3, r4, r5] = ratings as [WireRating, WireRating, WireRating, WireRating, WireRating];
    expect(await c.store.storedRatings(deviceId)).toEqual([
      stored(r1, batch.batchId, { ...at, centralFlags: ['implausible_time_before_release'] }),
      stored(r2, batch.batchId, at),
      stored(r3, batch.batchId, at),
      stored(r4, batch.batchId, { ...at, centralFlags: ['implausible_time_future'] }),
      stored(r5, batch.batchId, { ...at, centralFlags: ['implausible_time_future'] }),
    ]);
    const [summary] = await c.store.deviceSummaries();
    expect(summary?.clockOffsetMs).toBe(-60_000);
  });

  it('keeps the newest contact when an older resend arrives late', async () => {
    const c = await startCentral(factory, '2026-11-23T03:00:00.000Z');
    const { deviceId, token } = await device(c);
    await postBatch(c, batchOf(ratingsFor(deviceId, [2]), { appVersion: '0.2.0', sentAt: '2026-11-23T09:59:59.000+07:00' }), { token });

    c.clock.set('2026-11-23T02:00:00.000Z');
    await postBatch(c, batchOf(ratingsFor(deviceId, [1]), { appVersion: '0.1.0' }), { token });

    const [summary] = await c.store.deviceSummaries();
    expect(summary).toMatchObject({ lastSeenAt: '2026-11-23T03:00:00.000Z', appVersion: '0.2.0', clockOffsetMs: 1000, ratingCount: 2 });
  });

  it('stores exactly one row per rating when the same batch arrives ten times at once', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const batch = batchOf(ratingsFor(deviceId, Array.from({ length: 40 }, (_, i) => i + 1)));

    const responses = await Promise.all(Array.from({ length: 10 }, () => postBatch(c, batch, { token })));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const rating of batch.ratings) {
      const answers = responses.map((r) => {
        const ack = r.body as { accepted: string[]; duplicate: string[]; conflicts: unknown[] };
        expect(ack.conflicts).toEqual([]);
        return ack.accepted.includes(rating.id) ? 'accepted' : ack.duplicate.includes(rating.id) ? 'duplicate' : 'missing';
      });
      expect(answers.filter((a) => a === 'accepted')).toHaveLength(1);
      expect(answers.filter((a) => a === 'duplicate')).toHaveLength(9);
    }
    expect(await c.store.storedRatings(deviceId)).toEqual(batch.ratings.map((r) => stored(r, batch.batchId)));
    const receipts = await c.store.batchReceipts(deviceId);
    expect(receipts).toHaveLength(10);
    expect(receipts.reduce((n, b) => n + b.accepted, 0)).toBe(40);
  });

  it('stores each rating once when overlapping batches race', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const all = ratingsFor(deviceId, Array.from({ length: 60 }, (_, i) => i + 1));
    // Windows 1–20, 6–25, … 41–60, each also in reverse order, so lock orders differ.
    const batches = Array.from({ length: 9 }, (_, i) => all.slice(i * 5, i * 5 + 20)).flatMap((w) => [batchOf(w), batchOf([...w].reverse())]);

    const responses = await Promise.all(batches.map((b) => postBatch(c, b, { token })));

    expect(responses.map((r) => r.status)).toEqual(Array(batches.length).fill(200));
    const accepted = responses.flatMap((r) => (r.body as { accepted: string[] }).accepted);
    expect([...accepted].sort()).toEqual(all.map((r) => r.id).sort());
    const rows = await c.store.storedRatings(deviceId);
    expect(rows.map((s) => s.rating)).toEqual(all);
  });

  it(`accepts ${MAX_BATCH_RATINGS} ratings and exactly ${MAX_BATCH_BYTES} bytes of JSON`, async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await device(c);
    const batch = batchOf(ratingsFor(deviceId, Array.from({ length: MAX_BATCH_RATINGS }, (_, i) => i + 1)));
    const json = JSON.stringify(batch);
    // JSON allows trailing whitespace: pad to the limit exactly.
    const atLimit = Buffer.from(json + ' '.repeat(MAX_BATCH_BYTES - Buffer.byteLength(json)));
    expect(atLimit.length).toBe(MAX_BATCH_BYTES);

    const response = await postBatch(c, atLimit, { token, encoding: 'identity', idempotencyKey: batch.batchId });

    expect(response.status).toBe(200);
    expect((response.body as { accepted: string[] }).accepted).toHaveLength(MAX_BATCH_RATINGS);
    expect(await c.store.storedRatings(deviceId)).toHaveLength(MAX_BATCH_RATINGS);
  });
});
