// POST /api/v1/batches when the request is not acceptable: each refusal of
// docs/sync-protocol.md with its exact status and body, and nothing stored. SQLite and PostgreSQL.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_BYTES, MAX_BATCH_RATINGS, syncRejectionSchema } from '../../shared/sync/wire';
import {
  batchOf,
  errorBody,
  gzipJson,
  postBatch,
  ratingsFor,
  reasonAnswer,
  request,
  startCentral,
  storeFactories,
  wireRating,
  type CentralHarness,
  type StoreFactory,
} from '../support/central-fixture';

const MiB = 1024 * 1024;
const MALFORMED = 'Yêu cầu không đúng định dạng (không phải gzip hoặc JSON hợp lệ).';
const UNAUTHENTICATED = 'Thiếu mã truy cập hoặc mã truy cập không đúng (token bị từ chối).';
const TOO_LARGE = 'Lô dữ liệu quá lớn (tối đa 500 đánh giá, 500 câu trả lời lý do và 512 KiB).';
const INVALID_BATCH = 'Lô dữ liệu không hợp lệ.';

async function centralWithDevice(factory: StoreFactory) {
  const c = await startCentral(factory);
  const device = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 3, label: null });
  return { c, ...device, batch: batchOf(ratingsFor(device.deviceId, [1, 2])) };
}

async function expectNothingStored(c: CentralHarness, deviceId: string): Promise<void> {
  expect(await c.store.storedRatings(deviceId)).toEqual([]);
  expect(await c.store.batchReceipts(deviceId)).toEqual([]);
  const summary = (await c.store.deviceSummaries()).find((d) => d.deviceId === deviceId);
  expect(summary).toMatchObject({ lastSeenAt: null, ratingCount: 0 });
}

/**
 * A gzip body of exactly `size` bytes that inflates to `json`: after the real member comes an
 * empty one whose header comment (FCOMMENT) takes up the rest. Gunzip reads every member.
 */
function paddedGzip(json: string, size: number): Buffer {
  const head = gzipSync(json);
  const commentLength = size - head.length - 21; // 10 header + comment NUL + 2 deflate + 8 trailer
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x10, 0, 0, 0, 0, 0, 0xff]);
  const emptyDeflateAndTrailer = Buffer.from([0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([head, header, Buffer.alloc(commentLength, 'a'), Buffer.from([0]), emptyDeflateAndTrailer]);
}

describe.each(storeFactories)('refusals with $storage', (factory) => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token of the wrong shape', 'not a token!'],
  ])('401 UNAUTHENTICATED for %s', async (_case, token) => {
    const { c, deviceId, batch } = await centralWithDevice(factory);
    expect(await postBatch(c, batch, { token })).toEqual({ status: 401, body: errorBody('UNAUTHENTICATED', UNAUTHENTICATED) });
    await expectNothingStored(c, deviceId);
  });

  it('401 for an admin token: it does not deliver ratings', async () => {
    const { c, deviceId, batch } = await centralWithDevice(factory);
    const admin = await c.store.addAdminToken('Sở Nội vụ');
    expect(await postBatch(c, batch, { token: admin })).toEqual({ status: 401, body: errorBody('UNAUTHENTICATED', UNAUTHENTICATED) });
    await expectNothingStored(c, deviceId);
  });

  it('403 DEVICE_REVOKED for a revoked device, before its body is read', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    await c.store.revokeDevice(deviceId);
    const response = await postBatch(c, Buffer.from('not even gzip'), { token, idempotencyKey: batch.batchId });
    expect(response).toEqual({
      status: 403,
      body: errorBody('DEVICE_REVOKED', 'Thiết bị đã bị thu hồi quyền gửi dữ liệu.', `Thiết bị ${deviceId}`),
    });
    await expectNothingStored(c, deviceId);
  });

  it("403 DEVICE_MISMATCH for a batch of another device's ratings", async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const other = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 4 });
    const foreign = batchOf(ratingsFor(other.deviceId, [1]));
    expect(await postBatch(c, foreign, { token })).toEqual({
      status: 403,
      body: errorBody(
        'DEVICE_MISMATCH',
        'Mã truy cập thuộc về một thiết bị khác với thiết bị trong lô dữ liệu.',
        `Lô của thiết bị ${other.deviceId}, mã truy cập của thiết bị ${deviceId}`,
      ),
    });
    await expectNothingStored(c, deviceId);
    await expectNothingStored(c, other.deviceId);
  });

  it('413 for a compressed body over 1 MiB; exactly 1 MiB is read', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const over = paddedGzip(JSON.stringify(batch), MiB + 1);
    expect(over.length).toBe(MiB + 1);
    expect(await postBatch(c, over, { token, idempotencyKey: batch.batchId })).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `Nội dung nén vượt quá ${MiB} byte`),
    });
    await expectNothingStored(c, deviceId);

    const atLimit = paddedGzip(JSON.stringify(batch), MiB);
    expect(atLimit.length).toBe(MiB);
    const response = await postBatch(c, atLimit, { token, idempotencyKey: batch.batchId });
    expect(response.status).toBe(200);
    expect(await c.store.storedRatings(deviceId)).toHaveLength(2);
  });

  it('413 for a chunked upload that passes 1 MiB without announcing its length', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const chunk = paddedGzip('', 64 * 1024);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 17; i++) controller.enqueue(new Uint8Array(chunk));
        controller.close();
      },
    });
    const init = {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Idempotency-Key': batch.batchId },
    };
    expect(await request(`${c.url}/api/v1/batches`, init as RequestInit)).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `Nội dung nén vượt quá ${MiB} byte`),
    });
    await expectNothingStored(c, deviceId);
  });

  it('413 for a zip bomb: inflating stops at 512 KiB', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const bomb = gzipSync(Buffer.alloc(16 * MiB, ' '), { level: 9 });
    expect(bomb.length).toBeLessThan(MiB);
    expect(await postBatch(c, bomb, { token, idempotencyKey: batch.batchId })).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `Nội dung giải nén vượt quá ${MAX_BATCH_BYTES} byte`),
    });
    await expectNothingStored(c, deviceId);
  });

  it('413 for a gzip body inflating one byte past 512 KiB, and for identity JSON of that size', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const json = JSON.stringify(batch);
    const over = json + ' '.repeat(MAX_BATCH_BYTES + 1 - json.length);
    expect(await postBatch(c, gzipSync(over), { token, idempotencyKey: batch.batchId })).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `Nội dung giải nén vượt quá ${MAX_BATCH_BYTES} byte`),
    });
    expect(await postBatch(c, Buffer.from(over), { token, idempotencyKey: batch.batchId, encoding: 'identity' })).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `Nội dung ${MAX_BATCH_BYTES + 1} byte, tối đa ${MAX_BATCH_BYTES} byte`),
    });
    await expectNothingStored(c, deviceId);
  });

  it(`413 for ${MAX_BATCH_RATINGS + 1} ratings (a size limit, though the JSON is small)`, async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const batch = batchOf(ratingsFor(deviceId, Array.from({ length: MAX_BATCH_RATINGS + 1 }, (_, i) => i + 1)));
    expect(JSON.stringify(batch).length).toBeLessThan(MAX_BATCH_BYTES);
    expect(await postBatch(c, batch, { token })).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `${MAX_BATCH_RATINGS + 1} đánh giá, tối đa ${MAX_BATCH_RATINGS}`),
    });
    await expectNothingStored(c, deviceId);
  });

  it(`413 for ${MAX_BATCH_RATINGS + 1} reason answers, as for ratings`, async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const answers = Array.from({ length: MAX_BATCH_RATINGS + 1 }, (_, i) => reasonAnswer(deviceId, i + 1));
    const batch = batchOf([], { reasonAnswers: answers });
    expect(await postBatch(c, batch, { token })).toEqual({
      status: 413,
      body: errorBody('TOO_LARGE', TOO_LARGE, `${MAX_BATCH_RATINGS + 1} câu trả lời lý do, tối đa ${MAX_BATCH_RATINGS}`),
    });
    expect(await c.store.storedReasonAnswers(deviceId)).toEqual([]);
  });

  it.each([
    ['JSON sent as gzip', (json: string) => Buffer.from(json), 'gzip', 'Nội dung không phải gzip hợp lệ'],
    ['truncated gzip', (json: string) => gzipSync(json).subarray(0, 30), 'gzip', 'Nội dung không phải gzip hợp lệ'],
    ['gzip of something that is not JSON', () => gzipSync('{"formatVersion":1,'), 'gzip', 'Nội dung không phải JSON'],
    ['identity body that is not JSON', () => Buffer.from('formatVersion=1'), 'identity', 'Nội dung không phải JSON'],
    ['bytes that are not UTF-8', () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'identity', 'Nội dung không phải UTF-8'],
    ['an empty body', () => Buffer.alloc(0), 'identity', 'Nội dung không phải JSON'],
  ] as const)('400 MALFORMED for %s', async (_case, bytes, encoding, detail) => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const response = await postBatch(c, bytes(JSON.stringify(batch)), { token, encoding, idempotencyKey: batch.batchId });
    expect(response).toEqual({ status: 400, body: errorBody('MALFORMED', MALFORMED, detail) });
    await expectNothingStored(c, deviceId);
  });

  it('400 MALFORMED for a Content-Encoding central does not speak', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const response = await postBatch(c, gzipJson(batch), { token, encoding: 'identity', idempotencyKey: batch.batchId, headers: { 'Content-Encoding': 'br' } });
    expect(response).toEqual({ status: 400, body: errorBody('MALFORMED', MALFORMED, 'Content-Encoding không được hỗ trợ: br') });
    await expectNothingStored(c, deviceId);
  });

  it('400 MALFORMED when the Idempotency-Key is missing or is not the batchId', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    expect(await postBatch(c, batch, { token, idempotencyKey: null })).toEqual({
      status: 400,
      body: errorBody('MALFORMED', MALFORMED, 'Thiếu tiêu đề Idempotency-Key'),
    });
    expect(await postBatch(c, batch, { token, idempotencyKey: '0193a1b2-c3d4-7e5f-8a6b-ffffffffffff' })).toEqual({
      status: 400,
      body: errorBody('MALFORMED', MALFORMED, 'Idempotency-Key khác batchId'),
    });
    await expectNothingStored(c, deviceId);
  });

  it('422 UNSUPPORTED_FORMAT for formatVersion 3, whatever else the body holds', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const response = await postBatch(c, { ...batch, formatVersion: 3, ratings: 'elsewhere' } as unknown as typeof batch, { token });
    expect(response).toEqual({
      status: 422,
      body: errorBody('UNSUPPORTED_FORMAT', 'Phiên bản định dạng dữ liệu này không được máy chủ trung tâm hỗ trợ.', 'formatVersion 3; máy chủ hỗ trợ 1, 2'),
    });
    await expectNothingStored(c, deviceId);
  });

  it('422 INVALID_BATCH naming each broken field', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    const broken = batchOf([wireRating(deviceId, 1, { level: 0 }), wireRating(deviceId, 9)], { seqTo: 5 });
    const response = await postBatch(c, broken, { token });
    expect(response).toEqual({
      status: 422,
      body: errorBody('INVALID_BATCH', INVALID_BATCH, 'ratings.0.level: Too small: expected number to be >=1; ratings.1.seq: outside seqFrom..seqTo'),
    });
    await expectNothingStored(c, deviceId);
  });

  it('422 INVALID_BATCH for a JSON value that is not an object', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    const response = await postBatch(c, gzipJson([batch]), { token, idempotencyKey: batch.batchId });
    expect(response).toEqual({ status: 422, body: errorBody('INVALID_BATCH', INVALID_BATCH, 'Nội dung không phải một đối tượng JSON') });
    await expectNothingStored(c, deviceId);
  });

  it('422 INVALID_BATCH for text no store can keep as sent (NUL, lone surrogate)', async () => {
    const { c, deviceId, token } = await centralWithDevice(factory);
    for (const reason of ['Thái độ\u0000', 'nửa \uD83D cặp']) {
      const response = await postBatch(c, batchOf([wireRating(deviceId, 1, { level: 3, reasons: [reason] })]), { token });
      expect(response).toEqual({
        status: 422,
        body: errorBody('INVALID_BATCH', INVALID_BATCH, 'ratings.0.reasons.0: chứa ký tự điều khiển hoặc UTF-16 không hợp lệ'),
      });
    }
    await expectNothingStored(c, deviceId);
  });

  it('500 SERVER_ERROR when the store fails: logged, and no stack in the body', async () => {
    const { c, deviceId, token, batch } = await centralWithDevice(factory);
    c.store.ingestBatch = () => Promise.reject(new Error('disk on fire'));
    const response = await postBatch(c, batch, { token });
    expect(response).toEqual({ status: 500, body: errorBody('SERVER_ERROR', 'Máy chủ trung tâm gặp lỗi, sẽ thử lại sau.') });
    expect(c.logLines()).toContainEqual(expect.objectContaining({ level: 50, msg: 'central request failed', err: expect.objectContaining({ message: 'disk on fire' }) }));
    await expectNothingStored(c, deviceId);
  });

  it('404 in the same error shape for an unknown path', async () => {
    const { c } = await centralWithDevice(factory);
    const response = await request(`${c.url}/api/v2/batches`, { method: 'POST' });
    expect(response).toEqual({
      status: 404,
      body: errorBody('MALFORMED', 'Địa chỉ này không tồn tại trên máy chủ trung tâm.', 'Không có đường dẫn /api/v2/batches'),
    });
    expect(syncRejectionSchema.safeParse(response.body).success).toBe(true);
  });
});
