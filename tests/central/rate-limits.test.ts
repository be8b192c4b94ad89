// Issue 11: central limits requests per client address (before authentication) and per device
// (after it) on POST /api/v1/batches and POST /api/v1/sync-files, answering 429 RATE_LIMITED
// with Retry-After; health is never limited. Small limits (3 a minute), no sleeps. The second
// address is 127.0.0.2: any 127.x address reaches a server on 127.0.0.1 (Linux loopback).
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { buildCentralServer } from '../../central/central-server';
import { DEFAULT_RATE_LIMITS, rateLimitsFromEnv, type RateLimits } from '../../central/rate-limits';
import { syncRejectionSchema } from '../../shared/sync/wire';
import { batchOf, capturingLogger, gzipJson, manualClock, onCleanup, ratingsFor, sqliteStores, storeFactories, type StoreFactory } from '../support/central-fixture';

const RATE_LIMITED = 'Máy chủ trung tâm đang quá tải, sẽ thử lại sau.';

async function limitedCentral(factory: StoreFactory, rateLimits: Partial<RateLimits>) {
  const clock = manualClock('2026-11-23T02:20:00.412Z');
  const store = await factory.open({ now: clock.now });
  const server = buildCentralServer({ store, log: capturingLogger().log, now: clock.now, version: 'test', rateLimits });
  await server.listen({ host: '127.0.0.1', port: 0 });
  onCleanup(() => server.close());
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no port');
  return { port: address.port, store };
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: unknown;
}

/** One request from `from` (a loopback address), with node:http so the source address can be chosen. */
function send(port: number, from: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, localAddress: from, method, path, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: text === '' ? undefined : JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function postBatchFrom(port: number, from: string, token: string, deviceId: string, seq: number): Promise<Answer> {
  const batch = batchOf(ratingsFor(deviceId, [seq]));
  return send(port, from, 'POST', '/api/v1/batches', { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Idempotency-Key': batch.batchId }, gzipJson(batch));
}

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
  const body = syncRejectionSchema.parse(answer.body);
  expect(body.error).toMatchObject({ code: 'RATE_LIMITED', message: RATE_LIMITED });
}

describe('rate limits', () => {
  it('per address, before authentication: the 4th request of a minute is 429, another address and health are not affected', async () => {
    const { port, store } = await limitedCentral(sqliteStores, { perAddressPerMinute: 3, perDevicePerMinute: 100 });
    const admin = await store.addAdminToken('IT tỉnh');
    for (let i = 0; i < 3; i++) expect((await send(port, '127.0.0.1', 'POST', '/api/v1/batches', { 'Content-Type': 'application/json' }, Buffer.from('{}'))).status).toBe(401);
    const fourth = await send(port, '127.0.0.1', 'POST', '/api/v1/batches', { 'Content-Type': 'application/json' }, Buffer.from('{}'));
    expectRateLimited(fourth);
    expect(syncRejectionSchema.parse(fourth.body).error.detail).toMatch(/^Quá 3 yêu cầu mỗi phút từ địa chỉ này; thử lại sau \d+ giây$/);
    // One counter per address for both upload routes.
    expectRateLimited(await send(port, '127.0.0.1', 'POST', '/api/v1/sync-files', { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/octet-stream' }, Buffer.from('x')));

    expect((await send(port, '127.0.0.2', 'POST', '/api/v1/batches', { 'Content-Type': 'application/json' }, Buffer.from('{}'))).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await send(port, '127.0.0.1', 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('per address on POST /api/v1/sync-files alone', async () => {
    const { port, store } = await limitedCentral(sqliteStores, { perAddressPerMinute: 3 });
    const admin = await store.addAdminToken('IT tỉnh');
    const post = (from: string) => send(port, from, 'POST', '/api/v1/sync-files', { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/octet-stream' }, Buffer.from('not a sync file'));
    for (let i = 0; i < 3; i++) expect((await post('127.0.0.1')).status).toBe(422);
    expectRateLimited(await post('127.0.0.1'));
    expect((await post('127.0.0.2')).status).toBe(422);
  });

  describe.each(storeFactories)('per device with $storage', (factory) => {
    it('the 4th batch of a minute is 429 with Retry-After; another device is not affected', async () => {
      const { port, store } = await limitedCentral(factory, { perAddressPerMinute: 100, perDevicePerMinute: 3 });
      const a = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
      const b = await store.addDevice({ officeCode: '000.00.21.H56', counter: 2 });
      for (let seq = 1; seq <= 3; seq++) expect((await postBatchFrom(port, '127.0.0.1', a.token, a.deviceId, seq)).status).toBe(200);
      const fourth = await postBatchFrom(port, '127.0.0.1', a.token, a.deviceId, 4);
      expectRateLimited(fourth);
      expect(syncRejectionSchema.parse(fourth.body).error.detail).toMatch(/^Quá 3 yêu cầu mỗi phút từ thiết bị này; thử lại sau \d+ giây$/);
      // Another address does not help the device; another device on the same address is served.
      expectRateLimited(await postBatchFrom(port, '127.0.0.2', a.token, a.deviceId, 4));
      expect((await postBatchFrom(port, '127.0.0.1', b.token, b.deviceId, 1)).status).toBe(200);
      expect((await store.storedRatings(a.deviceId)).map((r) => r.rating.seq)).toEqual([1, 2, 3]);
    });
  });
});

describe('rate limits from the environment', () => {
  it('defaults to 600 per address and 120 per device a minute; the variables override them', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({ perAddressPerMinute: 600, perDevicePerMinute: 120, signInsPerAddressPerMinute: 20 });
    expect(rateLimitsFromEnv({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(rateLimitsFromEnv({ CENTRAL_RATE_LIMIT_PER_ADDRESS: '1200', CENTRAL_RATE_LIMIT_PER_DEVICE: ' 30 ' })).toEqual({ perAddressPerMinute: 1200, perDevicePerMinute: 30, signInsPerAddressPerMinute: 20 });
    for (const bad of ['0', '-1', '2.5', 'nhiều']) {
      expect(() => rateLimitsFromEnv({ CENTRAL_RATE_LIMIT_PER_DEVICE: bad })).toThrow(`CENTRAL_RATE_LIMIT_PER_DEVICE=${bad}: cần một số nguyên dương`);
    }
  });
});
