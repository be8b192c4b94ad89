// `npm run bench` (issue 17): how far one central instance goes on this machine, and what a second
// instance on the same PostgreSQL adds; and GET /api/v1/devices at size, from the state kept at
// ingest, against the raw recount it replaced (the SQL that ran before migration 12).
//  1. Load BENCH_DEVICE_RATINGS ratings (default 500,000) of BENCH_DEVICES devices (default 100, two gaps each)
//     straight into the store in batches of 500, then time deviceSummaries (p50 of 20) and the
//     old recount (p50 of 3).
//  2. HTTP ingest: 20 kiosks at once, each BENCH_INSTANCE_BATCHES batches (default 100) of 50
//     ratings, gzip, over loopback to one instance; on PostgreSQL, then to two instances (each
//     kiosk alternating between them). Batches per second, wall clock.
// No thresholds: numbers for people (docs/central-instances.md), not a gate.
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { buildCentralServer } from '../../central/central-server';
import type { CentralStore } from '../../central/store/central-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { CENTRAL_DB_FILE } from '../../central/store/sqlite-store';
import { startTestPostgres, type TestPostgres } from '../support/postgres-server';
import { batchOf, ratingsFor } from '../support/central-fixture';
import pg from 'pg';

const LOADED = Number(process.env.BENCH_DEVICE_RATINGS ?? 500_000);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 100);
const BATCHES_PER_KIOSK = Number(process.env.BENCH_INSTANCE_BATCHES ?? 100);
const KIOSKS = 20;
const PER_BATCH = 50;
const results: string[] = [];
const dirs: string[] = [];
let postgres: TestPostgres | undefined;

afterAll(() => {
  postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  console.log(['', 'Central at size and several instances (issue 17):', ...results.map((r) => `  ${r}`), ''].join('\n'));
});

const at = new Date('2026-11-23T02:20:00.412Z');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function sqliteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-bench-central-'));
  dirs.push(dir);
  return dir;
}

async function pgStore(schema: string): Promise<CentralStore> {
  postgres ??= await startTestPostgres();
  return openPostgresCentralStore({ connectionString: postgres.url, schema });
}

/** The recount GET /api/v1/devices ran before migration 12 (counts, highest seq, gaps, chain gaps). */
const OLD_RECOUNT = [
  `SELECT device_id, COUNT(*) AS rating_count, MAX(seq) AS max_seq FROM ratings GROUP BY device_id`,
  `SELECT device_id, prev + 1 AS gap_from, seq - 1 AS gap_to
   FROM (SELECT device_id, seq, LAG(seq, 1, 0) OVER (PARTITION BY device_id ORDER BY seq) AS prev FROM ratings) AS ordered WHERE seq > prev + 1`,
  `SELECT device_id, prev + 1 AS gap_from, position - 1 AS gap_to
   FROM (SELECT device_id, position, LAG(position, 1, 0) OVER (PARTITION BY device_id ORDER BY position) AS prev FROM chain_records) AS ordered WHERE position > prev + 1`,
];

async function load(store: CentralStore): Promise<void> {
  const perDevice = Math.max(100, Math.round(LOADED / DEVICES));
  for (let d = 0; d < DEVICES; d++) {
    const { deviceId } = await store.addDevice({ officeCode: '000.00.21.H56', counter: d + 1 });
    // Two gaps a device (five seqs lost, then one), as a kiosk's rare losses look.
    const seqs = Array.from({ length: perDevice }, (_, i) => i + 1).filter((seq) => (seq < 10 || seq > 14) && seq !== 30);
    for (let i = 0; i < seqs.length; i += 500) await store.ingestBatch(batchOf(ratingsFor(deviceId, seqs.slice(i, i + 500))), { receivedAt: at, now: at });
  }
}

async function devicesAtSize(label: string, store: CentralStore, oldRecount: () => Promise<unknown>): Promise<void> {
  const loadMs = await timed(() => load(store));
  const kept: number[] = [];
  for (let i = 0; i < 20; i++) kept.push(await timed(() => store.deviceSummaries()));
  const old: number[] = [];
  for (let i = 0; i < 3; i++) old.push(await timed(oldRecount));
  const summaries = await store.deviceSummaries();
  expect(summaries.reduce((n, d) => n + d.ratingCount, 0)).toBe(summaries.reduce((n, d) => n + d.maxSeq - 6, 0));
  expect(summaries.every((d) => d.gaps.length === 2)).toBe(true);
  results.push(
    `${label}: GET /api/v1/devices over ${LOADED.toLocaleString('en')} ratings, ${summaries.length} devices with 2 gaps each: ${median(kept).toFixed(1)} ms p50 from the kept state; ` +
      `the old recount ${median(old).toFixed(0)} ms (loaded in ${(loadMs / 1000).toFixed(1)} s)`,
  );
}

it('GET /api/v1/devices at size on SQLite', async () => {
  const dir = sqliteDir();
  const store = openSqliteCentralStore(dir);
  const db = openCentralDatabase(join(dir, CENTRAL_DB_FILE));
  try {
    await devicesAtSize('SQLite', store, async () => OLD_RECOUNT.map((sql) => db.prepare(sql).all()));
  } finally {
    db.close();
    await store.close();
  }
}, 1_800_000);

it('GET /api/v1/devices at size on PostgreSQL', async () => {
  const store = await pgStore('bench_devices');
  const client = new pg.Client({ connectionString: postgres?.url, options: '-c search_path=bench_devices' });
  await client.connect();
  try {
    await devicesAtSize('PostgreSQL', store, async () => {
      for (const sql of OLD_RECOUNT) await client.query(sql.replace(/LAG\((\w+), 1, 0\)/g, 'LAG($1, 1, 0::bigint)'));
    });
  } finally {
    await client.end();
    await store.close();
  }
}, 1_800_000);

/** 20 kiosks at once, each sending its batches in turn to the instances given (round robin). */
async function httpIngest(label: string, stores: CentralStore[]): Promise<void> {
  const servers = stores.map((store) => buildCentralServer({ store, log: pino({ level: 'silent' }), now: () => new Date(), version: 'bench', rateLimits: { perAddressPerMinute: 1e8, perDevicePerMinute: 1e8 } }));
  const urls: string[] = [];
  for (const server of servers) {
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    urls.push(`http://127.0.0.1:${address.port}/api/v1/batches`);
  }
  const [first] = stores;
  if (first === undefined) throw new Error('no store');
  const kiosks = await Promise.all(Array.from({ length: KIOSKS }, (_, i) => first.addDevice({ officeCode: '000.00.21.H56', counter: 1000 + i })));
  // Bodies made before the clock starts: the kiosk's work is not central's.
  const bodies = kiosks.map(({ deviceId }) =>
    Array.from({ length: BATCHES_PER_KIOSK }, (_, b) => {
      const batch = batchOf(ratingsFor(deviceId, Array.from({ length: PER_BATCH }, (_, i) => b * PER_BATCH + i + 1)));
      return { id: batch.batchId, body: gzipSync(JSON.stringify(batch)) };
    }),
  );
  try {
    const ms = await timed(() =>
      Promise.all(
        kiosks.map(async ({ token }, k) => {
          for (const [b, { id, body }] of (bodies[k] ?? []).entries()) {
            const response = await fetch(urls[(k + b) % urls.length] ?? '', {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Idempotency-Key': id },
              body: new Uint8Array(body),
            });
            expect(response.status).toBe(200);
            await response.arrayBuffer();
          }
        }),
      ),
    );
    const batches = KIOSKS * BATCHES_PER_KIOSK;
    results.push(`${label}: ${batches.toLocaleString('en')} batches of ${PER_BATCH} from ${KIOSKS} kiosks at once in ${(ms / 1000).toFixed(2)} s = ${Math.round((batches / ms) * 1000)} batches/s (${Math.round(((batches * PER_BATCH) / ms) * 1000).toLocaleString('en')} ratings/s)`);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

it('HTTP ingest, one instance on SQLite', async () => {
  const store = openSqliteCentralStore(sqliteDir());
  try {
    await httpIngest('One instance, SQLite (synchronous=FULL)', [store]);
  } finally {
    await store.close();
  }
}, 1_800_000);

it('HTTP ingest, one then two instances on PostgreSQL', async () => {
  const one = await pgStore('bench_one');
  try {
    await httpIngest('One instance, PostgreSQL', [one]);
  } finally {
    await one.close();
  }
  const two = [await pgStore('bench_two'), await pgStore('bench_two')];
  try {
    await httpIngest('Two instances, one PostgreSQL', two);
  } finally {
    await Promise.all(two.map((s) => s.close()));
  }
}, 1_800_000);
