// How one attempt's answer is classified: acked, retry (with Retry-After) or stop.
import { describe, expect, it } from 'vitest';
import type { SyncBatch } from '../../shared/sync/wire';
import { parseRetryAfter, sendBatch } from '../../electron/backend/sync/batch-sender';
import { cannedServer, type Answer } from '../support/canned-server';

const batch: SyncBatch = {
  formatVersion: 1,
  deviceId: '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41',
  batchId: '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
  seqFrom: 1,
  seqTo: 1,
  sentAt: '2026-11-23T09:20:00.000+07:00',
  appVersion: '0.1.0',
  reasonAnswers: [],
  ratings: [
    {
      id: '0193a1b0-0000-7000-8000-000000000001',
      deviceId: '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41',
      seq: 1,
      createdAt: '2026-11-23T09:15:02.123+07:00',
      localDay: '2026-11-23',
      scale: 'vn-3',
      level: 1,
      officerId: null,
      serviceCode: null,
      dossierCode: null,
      reasons: [],
      flags: [],
      appVersion: '0.1.0',
      bootId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    },
  ],
};
const ratingId = batch.ratings[0]?.id ?? '';
const ack = { batchId: batch.batchId, accepted: [ratingId], duplicate: [], conflicts: [], receivedAt: '2026-11-23T02:20:00.412Z' };
const now = () => new Date('2026-11-23T02:20:00.000Z');

const respond = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (_req, _body, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

async function attempt(answer: Answer, timeoutMs = 5_000) {
  const server = await cannedServer(answer);
  const outcome = await sendBatch(batch, { endpoint: server.url, token: 'tok', fetch, timeoutMs, now });
  return { outcome, server };
}

describe('sendBatch', () => {
  it('posts gzip JSON with the bearer token and the batch id as Idempotency-Key', async () => {
    const { outcome, server } = await attempt(respond(200, ack));
    expect(outcome).toEqual({ kind: 'acked', ack });
    const [request] = server.requests;
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer tok',
      'idempotency-key': batch.batchId,
      'content-encoding': 'gzip',
      'content-type': 'application/json',
    });
    expect(request?.json).toEqual(batch);
  });

  it.each([
    ['an ack for another batch', { ...ack, batchId: '0193a1b2-c3d4-7e5f-8a6b-000000000000' }],
    ['an ack missing an id', { ...ack, accepted: [] }],
    ['an ack naming an id twice', { ...ack, duplicate: [ratingId] }],
    ['an ack body that is not JSON', '{"batchId": "0193'],
    ['an empty body', ''],
  ])('retries after %s, marking nothing', async (_name, body) => {
    const { outcome } = await attempt(respond(200, body));
    expect(outcome).toMatchObject({ kind: 'retry', problem: { code: 'BAD_REPLY' } });
  });

  it.each([
    [500, 'SERVER_ERROR'],
    [502, 'SERVER_ERROR'],
    [503, 'SERVER_ERROR'],
    [408, 'SERVER_BUSY'],
    [429, 'SERVER_BUSY'],
  ])('retries on HTTP %i', async (status, code) => {
    const { outcome } = await attempt(respond(status, { error: { code: 'SERVER_ERROR', message: 'x' } }));
    expect(outcome).toEqual({ kind: 'retry', problem: { code, message: expect.stringContaining(`HTTP ${status}`) } });
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    expect((await attempt(respond(503, '', { 'retry-after': '120' }))).outcome).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });
    expect((await attempt(respond(429, '', { 'retry-after': 'Mon, 23 Nov 2026 02:21:00 GMT' }))).outcome).toMatchObject({ retryAfterMs: 60_000 });
    expect(parseRetryAfter('soon', now())).toBeUndefined();
  });

  it.each([
    [401, 'UNAUTHENTICATED', 'TOKEN_REJECTED', /Token bị từ chối/],
    [403, 'DEVICE_REVOKED', 'DEVICE_REVOKED', /thu hồi/],
    [403, 'DEVICE_MISMATCH', 'DEVICE_MISMATCH', /không thuộc về thiết bị này/],
    [400, 'MALFORMED', 'REJECTED', /HTTP 400/],
    [413, 'TOO_LARGE', 'REJECTED', /HTTP 413/],
    [422, 'INVALID_BATCH', 'REJECTED', /HTTP 422: Lô dữ liệu không hợp lệ/],
  ])('stops on HTTP %i %s with a specific message', async (status, serverCode, code, message) => {
    const { outcome } = await attempt(respond(status, { error: { code: serverCode, message: 'Lô dữ liệu không hợp lệ' } }));
    expect(outcome).toEqual({ kind: 'stop', problem: { code, message: expect.stringMatching(message) } });
  });

  it('retries after a connection reset, a refused connection and a timeout', async () => {
    const reset = await attempt((req) => req.socket.destroy());
    expect(reset.outcome).toMatchObject({ kind: 'retry', problem: { code: 'NETWORK' } });
    const refused = await sendBatch(batch, { endpoint: 'http://127.0.0.1:9', token: 't', fetch, timeoutMs: 2_000, now });
    expect(refused).toMatchObject({ kind: 'retry', problem: { code: 'NETWORK' } });
    const silent = await attempt(() => {}, 300);
    expect(silent.outcome).toMatchObject({ kind: 'retry', problem: { code: 'TIMEOUT' } });
  });

  it('retries after a body cut off mid-way', async () => {
    const { outcome } = await attempt((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write(JSON.stringify(ack).slice(0, 40));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(outcome.kind).toBe('retry');
  });
});
