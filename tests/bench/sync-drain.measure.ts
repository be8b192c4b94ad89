// `npm run bench`: sync throughput, printed as ratios against baselines measured in this run.
//  1. Drain a 100,000-rating backlog from one kiosk to central over loopback HTTP (batches of
//     500), against (a) a raw bulk INSERT of the same rows into central's SQLite database — the
//     floor no protocol can beat — and (b) one rating per request, how most survey apps sync.
//  2. Central ingest throughput from 20 kiosks draining at once, on SQLite and on PostgreSQL.
// No thresholds: these numbers are for people to compare between versions, not to gate tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { ratingContentHash } from '../../central/store/intake-rules';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { toLocalDay, toLocalIso } from '../../shared/local-time';
import { insertRating, listRatings } from '../../electron/backend/ratings-repo';
import { outboxStats } from '../../electron/backend/sync/outbox-repo';
import { toWireRating } from '../../electron/backend/sync/wire-rating';
import { startTestPostgres } from '../support/postgres-server';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const ONE_BY_ONE_SAMPLE = 1_000;
const KIOSKS = 20;
const PER_KIOSK = 2_500;

const results: string[] = [];
afterAll(() => {
  console.log(`\n=== Hài Lòng sync benchmark ===\n${results.join('\n')}\n`);
});

/** Store `count` ratings on the kiosk in one transaction (the backlog of a month offline). */
function seedBacklog(kiosk: Kiosk, count: number): void {
  const { db, deviceId, bootId } = kiosk.backend.context;
  const start = Date.parse('2026-10-01T01:00:00.000Z');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date(start + i * 20_000);
      insertRating(db, {
        id: uuidv7(),
        device_id: deviceId,
        created_at: toLocalIso(at, 'Asia/Ho_Chi_Minh'),
        local_day: toLocalDay(at, 'Asia/Ho_Chi_Minh'),
        scale: 'vn-3',
        level: 1 + (i % 3),
        officer_id: null,
        service_code: null,
        dossier_code: null,
        reasons: [],
        flags: [],
        app_version: '0.1.0',
        boot_id: bootId,
      });
    }
  })();
}

async function drain(kiosk: Kiosk): Promise<number> {
  const started = performance.now();
  while (outboxStats(kiosk.backend.context.db).pendingCount > 0) await kiosk.backend.sync.trigger('manual');
  return performance.now() - started;
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en');

it(`drains a ${BACKLOG.toLocaleString('en')}-rating backlog`, async () => {
  const central = await startCentral();
  try {
    const kiosk = await enrolledKiosk(central, { direct: true, tuning: { timeoutMs: 30_000 } });
    seedBacklog(kiosk, BACKLOG);
    const batchedMs = await drain(kiosk);
    expect((await central.store.storedRatings(kiosk.deviceId)).length).toBe(BACKLOG);

    // Baseline (a): the same rows straight into a fresh central database, one transaction.
    const rows = listRatings(kiosk.backend.context.db).map(toWireRating);
    const raw = openCentralDatabase(join(mkdtempSync(join(tmpdir(), 'hai-long-raw-')), 'central.db'));
    raw.prepare("INSERT INTO devices (device_id, office_code, counter, token_hash, created_at) VALUES (?, 'X', 1, ?, '2026-11-23T00:00:00Z')").run(
      kiosk.deviceId,
      '0'.repeat(64),
    );
    const insert = raw.prepare(`INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code,
      dossier_code, reasons, flags, app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bulk', '2026-11-23T00:00:00Z', 0, '[]')`);
    const rawStarted = performance.now();
    raw.transaction(() => {
      for (const r of rows) {
        insert.run(r.id, r.deviceId, r.seq, r.createdAt, r.localDay, r.scale, r.level, r.officerId, r.serviceCode, r.dossierCode,
          JSON.stringify(r.reasons), JSON.stringify(r.flags), r.appVersion, r.bootId, ratingContentHash(r));
      }
    })();
    const rawMs = performance.now() - rawStarted;
    raw.close();

    // Baseline (b): one rating per request, on a sample, scaled to the backlog.
    const single = await enrolledKiosk(central, { direct: true, tuning: { maxBatchRatings: 1, timeoutMs: 30_000 } });
    seedBacklog(single, ONE_BY_ONE_SAMPLE);
    const singleMs = (await drain(single)) * (BACKLOG / ONE_BY_ONE_SAMPLE);
    kiosk.close();
    single.close();

    results.push(
      `Drain ${BACKLOG.toLocaleString('en')} ratings, batches of 500 over HTTP: ${(batchedMs / 1000).toFixed(2)} s (${perSecond(BACKLOG, batchedMs)} ratings/s)`,
      `  raw bulk INSERT into central's SQLite (the floor): ${(rawMs / 1000).toFixed(2)} s → batched sync is ${(batchedMs / rawMs).toFixed(1)}× the floor`,
      `  one rating per request (sampled on ${ONE_BY_ONE_SAMPLE.toLocaleString('en')}, scaled): ${(singleMs / 1000).toFixed(1)} s → batched sync is ${(singleMs / batchedMs).toFixed(1)}× faster`,
    );
  } finally {
    await central.close();
  }
}, 1_800_000);

async function concurrentIngest(label: string, central: Central): Promise<void> {
  const kiosks = await Promise.all(Array.from({ length: KIOSKS }, () => enrolledKiosk(central, { direct: true, tuning: { timeoutMs: 60_000 } })));
  kiosks.forEach((k) => seedBacklog(k, PER_KIOSK));
  const started = performance.now();
  await Promise.all(kiosks.map(drain));
  const ms = performance.now() - started;
  for (const k of kiosks) expect((await central.store.storedRatings(k.deviceId)).length).toBe(PER_KIOSK);
  kiosks.forEach((k) => k.close());
  results.push(`Central ingest, ${KIOSKS} kiosks × ${PER_KIOSK.toLocaleString('en')} at once, ${label}: ${(ms / 1000).toFixed(2)} s (${perSecond(KIOSKS * PER_KIOSK, ms)} ratings/s)`);
}

it('ingests from 20 kiosks at once into SQLite', async () => {
  const central = await startCentral();
  try {
    await concurrentIngest('SQLite (synchronous=FULL)', central);
  } finally {
    await central.close();
  }
}, 1_800_000);

it('ingests from 20 kiosks at once into PostgreSQL', async () => {
  const postgres = await startTestPostgres();
  const central = await startCentral(() => openPostgresCentralStore({ connectionString: postgres.url }));
  try {
    await concurrentIngest('PostgreSQL (throwaway cluster, fsync=off)', central);
  } finally {
    await central.close();
    postgres.stop();
  }
}, 1_800_000);
