// Central under test: a real HTTP server on 127.0.0.1 over a fresh store per test — a SQLite
// file in a temporary folder, or a fresh PostgreSQL schema — with the clock pinned by the test.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { afterEach, inject } from 'vitest';
import { buildCentralServer } from '../../central/central-server';
import type { CentralStore, StorageKind, StoreOptions } from '../../central/store/central-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { toLocalIso } from '../../shared/local-time';
import type { SyncBatchInput, SyncBatchV1, WireRating, WireReasonAnswer } from '../../shared/sync/wire';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

export function onCleanup(fn: () => unknown): void {
  cleanups.push(fn);
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-central-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The URL of the PostgreSQL server provided by tests/support/postgres-server.ts (globalSetup). */
export function testPostgresUrl(): string {
  const url = process.env.CENTRAL_TEST_DATABASE_URL || inject('centralPostgresUrl');
  if (url === undefined || url === '') {
    throw new Error('Chưa có PostgreSQL cho kiểm thử: đăng ký tests/support/postgres-server.ts làm globalSetup của dự án vitest "central".');
  }
  return url;
}

export interface StoreFactory {
  storage: StorageKind;
  open: (options?: StoreOptions) => Promise<CentralStore>;
}

export const sqliteStores: StoreFactory = {
  storage: 'sqlite',
  open: async (options) => {
    const store = openSqliteCentralStore(tempDir(), options);
    onCleanup(() => store.close());
    return store;
  },
};

export const postgresStores: StoreFactory = {
  storage: 'postgres',
  open: async (options) => {
    const url = testPostgresUrl();
    const schema = `t_${randomBytes(8).toString('hex')}`;
    onCleanup(() => dropSchema(url, schema));
    const store = await openPostgresCentralStore({ connectionString: url, schema }, options);
    onCleanup(() => store.close());
    return store;
  },
};

/** An empty schema of its own on the test PostgreSQL, dropped after the test (for a central process to fill). */
export async function freshPostgresSchema(prefix: string): Promise<string> {
  const url = testPostgresUrl();
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  onCleanup(() => dropSchema(url, schema));
  return schema;
}

/** Every server test runs once per store: both must answer identically. */
export const storeFactories: readonly StoreFactory[] = [sqliteStores, postgresStores];

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export function capturingLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    log: pino({ level: 'debug' }, stream),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export function manualClock(startIso: string): { now: () => Date; set: (iso: string) => void } {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), set: (iso) => (t = Date.parse(iso)) };
}

export const CENTRAL_NOW = '2026-11-23T02:20:00.412Z';

export interface CentralHarness {
  url: string;
  store: CentralStore;
  clock: ReturnType<typeof manualClock>;
  logLines: () => Record<string, unknown>[];
}

export async function startCentral(factory: StoreFactory, startIso = CENTRAL_NOW): Promise<CentralHarness> {
  const clock = manualClock(startIso);
  const store = await factory.open({ now: clock.now });
  const { log, lines } = capturingLogger();
  const server = buildCentralServer({ store, log, now: clock.now, version: '9.9.9-test' });
  await server.listen({ host: '127.0.0.1', port: 0 });
  onCleanup(() => server.close());
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no port');
  return { url: `http://127.0.0.1:${address.port}`, store, clock, logLines: lines };
}

/** Deterministic rating ids, distinct per device: sha256(deviceId) prefix + seq. */
export function ratingId(deviceId: string, seq: number): string {
  return deviceRecordId(deviceId, '8000', seq);
}

/** The id of the reason answer to rating `seq`: the rating's id but for its fourth group. */
export function reasonAnswerId(deviceId: string, seq: number): string {
  return deviceRecordId(deviceId, '9000', seq);
}

function deviceRecordId(deviceId: string, kind: '8000' | '9000', seq: number): string {
  const h = createHash('sha256').update(deviceId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-${kind}-${seq.toString().padStart(12, '0')}`;
}

const firstRatingAt = Date.parse('2026-11-23T01:00:00.000Z');

export function wireRating(deviceId: string, seq: number, overrides: Partial<WireRating> = {}): WireRating {
  return {
    id: ratingId(deviceId, seq),
    deviceId,
    seq,
    createdAt: toLocalIso(new Date(firstRatingAt + seq * 1000 + 123), 'Asia/Ho_Chi_Minh'),
    localDay: '2026-11-23',
    scale: 'vn-3',
    level: ((seq - 1) % 3) + 1,
    officerId: null,
    serviceCode: null,
    dossierCode: null,
    reasons: [],
    flags: [],
    appVersion: '0.1.0',
    bootId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    ...overrides,
  };
}

export function ratingsFor(deviceId: string, seqs: readonly number[]): WireRating[] {
  return seqs.map((seq) => wireRating(deviceId, seq));
}

/** The reasons given, half a minute later, after rating `seq` of the device. */
export function reasonAnswer(deviceId: string, seq: number, overrides: Partial<WireReasonAnswer> = {}): WireReasonAnswer {
  const rating = wireRating(deviceId, seq);
  return {
    id: reasonAnswerId(deviceId, seq),
    deviceId,
    ratingId: rating.id,
    createdAt: toLocalIso(new Date(Date.parse(rating.createdAt) + 30_000), 'Asia/Ho_Chi_Minh'),
    reasons: [
      { code: 'CHO-LAU', label: 'Thời gian chờ lâu' },
      { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' },
    ],
    ...overrides,
  };
}

let batchCounter = 0;

/** A batch of these ratings (none: a batch of `overrides.reasonAnswers` only, without seqs). */
export function batchOf(ratings: readonly WireRating[], overrides: Partial<SyncBatchV1> = {}): SyncBatchV1 {
  const deviceId = ratings[0]?.deviceId ?? overrides.reasonAnswers?.[0]?.deviceId;
  if (deviceId === undefined) throw new Error('a batch needs ratings or reason answers');
  const seqs = ratings.map((r) => r.seq);
  return {
    formatVersion: 1,
    deviceId,
    batchId: `0193a1b2-c3d4-7e5f-8a6b-${(++batchCounter).toString().padStart(12, '0')}`,
    seqFrom: seqs.length === 0 ? null : Math.min(...seqs),
    seqTo: seqs.length === 0 ? null : Math.max(...seqs),
    sentAt: '2026-11-23T09:19:58.892+07:00',
    appVersion: '0.1.0',
    ratings: [...ratings],
    reasonAnswers: [],
    ...overrides,
  };
}

export interface CentralResponse {
  status: number;
  body: unknown;
}

export async function request(url: string, init: RequestInit = {}): Promise<CentralResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export interface PostOptions {
  token: string | undefined;
  /** Defaults to the batch's id; null sends no header. */
  idempotencyKey?: string | null;
  encoding?: 'gzip' | 'identity';
  headers?: Record<string, string>;
}

/** POSTs a batch (an object, gzipped like a kiosk does) or ready-made bytes. */
export async function postBatch(harness: Pick<CentralHarness, 'url'>, body: SyncBatchInput | Buffer, options: PostOptions): Promise<CentralResponse> {
  const encoding = options.encoding ?? 'gzip';
  const bytes = Buffer.isBuffer(body) ? body : encoding === 'gzip' ? gzipJson(body) : Buffer.from(JSON.stringify(body));
  const key = options.idempotencyKey === undefined ? (Buffer.isBuffer(body) ? null : body.batchId) : options.idempotencyKey;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (encoding === 'gzip') headers['Content-Encoding'] = 'gzip';
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (key !== null) headers['Idempotency-Key'] = key;
  return request(`${harness.url}/api/v1/batches`, { method: 'POST', headers, body: new Uint8Array(bytes) });
}

export function gzipJson(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value));
}

export function errorBody(code: string, message: string, detail?: string): unknown {
  return { error: detail === undefined ? { code, message } : { code, message, detail } };
}
