// `npm run bench` (issue 17): central at a province's scale, on SQLite and on PostgreSQL.
// BENCH_CENTRAL_RATINGS ratings (default 10,000,000) from BENCH_CENTRAL_DEVICES kiosks (default
// 2,000) over three years are loaded straight into the store with bulk inserts (the ingest path
// would take hours), with reason answers for some "Không hài lòng", then the tallies are rebuilt.
// Printed, as ratios:
//  - the province's month, a unit's month and the monthly report (.xlsx built), p50/p95, read from
//    the tallies against the same figures computed from the raw ratings (the issue-16 queries), and
//    the store's counts alone (what the tallies change; the rest is computing the figures);
//  - ingest throughput with the tallies kept against the same batches without them (goal ≤ 1.25×);
//  - GET /api/v1/devices' store call (deviceSummaries), p50.
// No thresholds: the assertions are sanity only (both ways give the same figures).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { dashboardWorkbook } from '../../central/dashboard/dashboard-xlsx';
import { loadDashboardFigures } from '../../central/dashboard/dashboard-service';
import type { DashboardSubject } from '../../central/dashboard/dashboard-figures';
import type { CentralStore, IngestTimes } from '../../central/store/central-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { openPostgresPool } from '../../central/store/postgres-database';
import type { DayRange } from '../../shared/periods';
import type { SyncBatchV1, WireRating } from '../../shared/sync/wire';
import { startTestPostgres } from '../support/postgres-server';
import { seededRandom } from '../support/seeded-random';

const RATINGS = Number(process.env.BENCH_CENTRAL_RATINGS ?? 10_000_000);
const DEVICES = Number(process.env.BENCH_CENTRAL_DEVICES ?? 2_000);
const REPEATS = Number(process.env.BENCH_CENTRAL_REPEATS ?? 15);
const DAYS = 3 * 365;
const FIRST_DAY = Date.parse('2024-01-01T00:00:00.000Z');
/** The last whole month of the data: what the views and the report ask for. */
const MONTH: DayRange = { from: '2026-11-01', to: '2026-11-30' };
const DEVICES_PER_OFFICE = 10;
const OFFICES_PER_UNIT = 10;
const INGEST_BATCHES = 20;
const OFFSET_MS = 7 * 3_600_000;
const REASONS = [
  { code: 'CHO-LAU', label: 'Thời gian chờ lâu' },
  { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' },
  { code: 'HUONG-DAN', label: 'Hướng dẫn chưa rõ ràng' },
];

const results: string[] = [];
afterAll(() => {
  console.log(`\n=== Hài Lòng central at scale: ${RATINGS.toLocaleString('en')} ratings, ${DEVICES} devices, 3 years ===\n${results.join('\n')}\n`);
});

const deviceIdOf = (d: number) => `00000000-0000-4000-8000-${d.toString().padStart(12, '0')}`;
const officeOf = (d: number) => `000.00.${Math.floor(d / DEVICES_PER_OFFICE).toString().padStart(3, '0')}.H56`;
const unitOf = (office: number) => `U${Math.floor(office / OFFICES_PER_UNIT).toString().padStart(3, '0')}`;
/** The kiosk's local time (+07:00) as the wire writes it, without a time-zone library per row. */
const localIso = (at: number) => `${new Date(at + OFFSET_MS).toISOString().slice(0, 23)}+07:00`;

interface BulkRating {
  id: string; deviceId: string; seq: number; createdAt: string; localDay: string; level: number;
  officerId: string | null; serviceCode: string | null; flags: string; answer: string | null;
}

/** The i-th rating of the load: device i mod D, its seq, a time of office hours spread over three years. */
function* bulkRatings(random: () => number): Generator<BulkRating> {
  const perDevice = Math.ceil(RATINGS / DEVICES);
  for (let i = 0; i < RATINGS; i++) {
    const d = i % DEVICES;
    const seq = Math.floor(i / DEVICES) + 1;
    const day = Math.floor(((seq - 1) * DAYS) / perDevice);
    const at = FIRST_DAY + day * 86_400_000 - OFFSET_MS + (7 * 3_600_000 + Math.floor(random() * 10 * 3_600_000));
    const createdAt = localIso(at);
    const level = random() < 0.55 ? 1 : random() < 0.75 ? 2 : 3;
    const chosen = level === 3 && random() < 0.4 ? REASONS.filter(() => random() < 0.5) : [];
    yield {
      id: `${deviceIdOf(d)}-r${seq}`, deviceId: deviceIdOf(d), seq, createdAt, localDay: createdAt.slice(0, 10), level,
      officerId: random() < 0.1 ? null : `o-${1 + Math.floor(random() * 3)}`,
      serviceCode: random() < 0.2 ? null : ['HO-TICH', 'DAT-DAI', 'CHUNG-THUC'][Math.floor(random() * 3)] ?? null,
      flags: random() < 0.03 ? '["cooldown"]' : '[]',
      answer: chosen.length === 0 ? null : JSON.stringify(chosen),
    };
  }
}

const HASH = '0'.repeat(64);
const BOOT = '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function loadSqlite(file: string): void {
  const db = openCentralDatabase(file);
  try {
    const device = db.prepare(`INSERT INTO devices (device_id, office_code, counter, token_hash, created_at) VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000Z')`);
    db.transaction(() => {
      for (let d = 0; d < DEVICES; d++) device.run(deviceIdOf(d), officeOf(d), 1 + (d % DEVICES_PER_OFFICE), d.toString(16).padStart(64, '0'));
    })();
    const rating = db.prepare(`
      INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code, dossier_code, reasons, flags,
                           app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags)
      VALUES (?, ?, ?, ?, ?, 'vn-3', ?, ?, ?, NULL, '[]', ?, '0.1.0', '${BOOT}', '${HASH}', 'bulk', '2026-12-01T00:00:00.000Z', 0, '[]')`);
    const answer = db.prepare(`
      INSERT INTO reason_answers (id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at)
      VALUES (?, ?, ?, ?, ?, '${HASH}', 'bulk', '2026-12-01T00:00:00.000Z')`);
    const chunk = db.transaction((rows: BulkRating[]) => {
      for (const r of rows) {
        rating.run(r.id, r.deviceId, r.seq, r.createdAt, r.localDay, r.level, r.officerId, r.serviceCode, r.flags);
        if (r.answer !== null) answer.run(`${r.id}-a`, r.deviceId, r.id, r.createdAt, r.answer);
      }
    });
    let rows: BulkRating[] = [];
    for (const r of bulkRatings(seededRandom(17))) {
      rows.push(r);
      if (rows.length === 50_000) {
        chunk(rows);
        rows = [];
      }
    }
    chunk(rows);
  } finally {
    db.close();
  }
}

async function loadPostgres(pool: pg.Pool): Promise<void> {
  const devices = Array.from({ length: DEVICES }, (_, d) => ({ id: deviceIdOf(d), office: officeOf(d), counter: 1 + (d % DEVICES_PER_OFFICE), hash: d.toString(16).padStart(64, '0') }));
  await pool.query(
    `INSERT INTO devices (device_id, office_code, counter, token_hash, created_at)
     SELECT d->>'id', d->>'office', (d->>'counter')::int, d->>'hash', '2024-01-01T00:00:00Z' FROM jsonb_array_elements($1::jsonb) d`,
    [JSON.stringify(devices)],
  );
  const flush = async (rows: BulkRating[]) => {
    await pool.query(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code, dossier_code, reasons, flags,
                            app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags)
       SELECT r->>'id', r->>'deviceId', (r->>'seq')::bigint, r->>'createdAt', (r->>'localDay')::date, 'vn-3', (r->>'level')::smallint,
              r->>'officerId', r->>'serviceCode', NULL, '[]', (r->>'flags')::jsonb, '0.1.0', '${BOOT}', '${HASH}', 'bulk', '2026-12-01T00:00:00Z', 0, '[]'
       FROM jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(rows)],
    );
    const answers = rows.filter((r) => r.answer !== null);
    if (answers.length === 0) return;
    await pool.query(
      `INSERT INTO reason_answers (id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at)
       SELECT r->>'id' || '-a', r->>'deviceId', r->>'id', r->>'createdAt', (r->>'answer')::jsonb, '${HASH}', 'bulk', '2026-12-01T00:00:00Z'
       FROM jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(answers)],
    );
  };
  let rows: BulkRating[] = [];
  for (const r of bulkRatings(seededRandom(17))) {
    rows.push(r);
    if (rows.length === 20_000) {
      await flush(rows);
      rows = [];
    }
  }
  await flush(rows);
  await pool.query('ANALYZE');
}

/** Units over offices, so a unit's month and the province have something to group. */
async function addUnits(store: CentralStore): Promise<void> {
  const offices = Math.ceil(DEVICES / DEVICES_PER_OFFICE);
  const units = new Map<string, string[]>();
  for (let o = 0; o < offices; o++) units.set(unitOf(o), [...(units.get(unitOf(o)) ?? []), officeOf(o * DEVICES_PER_OFFICE)]);
  await store.changeUnits([...units].map(([code, officeCodes], line) => ({ code, name: `Huyện ${code}`, parentCode: null, officeCodes, line: line + 1 })), 'add');
}

/** The same store, but the dashboard's counts computed from the raw ratings. */
function rawStore(store: CentralStore): CentralStore {
  return new Proxy(store, { get: (target, key) => (key === 'dashboardCounts' ? (range: DayRange) => target.tallies.rawCounts(range) : Reflect.get(target, key)) });
}

function unordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unordered).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unordered(v)]));
  return value;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
async function timings(run: () => Promise<unknown>, repeats = REPEATS): Promise<{ p50: number; p95: number }> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}
const f = (ms: number) => `${ms.toFixed(1)} ms`;

async function measureViews(name: string, store: CentralStore): Promise<void> {
  const admin = { role: 'province-admin' as const, units: [] };
  const request = { range: MONTH, includeFlagged: false, officerMinimumRatings: 5 };
  const views: [string, (s: CentralStore) => Promise<unknown>][] = [
    // The store's part alone (the month and the 30 days before, as a view asks), without the figures' computation.
    ['counts only (month + previous)', async (s) => [await s.dashboardCounts(MONTH), await s.dashboardCounts({ from: '2026-10-01', to: '2026-10-31' })]],
    ['province, month', (s) => loadDashboardFigures(s, admin, { kind: 'province', limitedToUnits: null }, request)],
    ['a unit, month', (s) => loadDashboardFigures(s, admin, { kind: 'unit', code: unitOf(0) } satisfies DashboardSubject, request)],
    ['monthly report (.xlsx)', async (s) => dashboardWorkbook(await loadDashboardFigures(s, admin, { kind: 'province', limitedToUnits: null }, request), { period: 'month', below: 0.8, madeAt: new Date('2026-12-01T00:00:00Z') })],
  ];
  // Sanity: both ways give the same figures.
  const fromTallies = await loadDashboardFigures(store, admin, { kind: 'province', limitedToUnits: null }, request);
  // Order-free: officers of the same name and rate keep the order the rows came in, which PostgreSQL's hash aggregation never fixed.
  expect(unordered(fromTallies)).toEqual(unordered(await loadDashboardFigures(rawStore(store), admin, { kind: 'province', limitedToUnits: null }, request)));
  expect(fromTallies.total + fromTallies.excludedFlaggedCount).toBeGreaterThan(0);
  for (const [view, run] of views) {
    const tallied = await timings(() => run(store));
    const raw = await timings(() => run(rawStore(store)));
    results.push(
      `${name} · ${view}: tallies p50 ${f(tallied.p50)} p95 ${f(tallied.p95)}; raw p50 ${f(raw.p50)} p95 ${f(raw.p95)}; ` +
        `tallies/raw ${(tallied.p50 / raw.p50).toFixed(3)}× (p50), ${(tallied.p95 / raw.p95).toFixed(3)}× (p95)`,
    );
  }
  const devices = await timings(() => store.deviceSummaries(), Math.min(REPEATS, 5));
  results.push(`${name} · /api/v1/devices (deviceSummaries): p50 ${f(devices.p50)} p95 ${f(devices.p95)}`);
}

/** Batches of 500 new ratings from fresh devices (a third negative, some with reasons), as kiosks send them. */
async function ingestBatches(store: CentralStore, round: string): Promise<SyncBatchV1[]> {
  const random = seededRandom(round.length * 7919);
  const batches: SyncBatchV1[] = [];
  for (let b = 0; b < INGEST_BATCHES; b++) {
    const deviceId = `11111111-0000-4000-8000-${(round.charCodeAt(0) * 1000 + b).toString().padStart(12, '0')}`;
    await store.addDevice({ deviceId, officeCode: officeOf(b), counter: 900 + b });
    const ratings: WireRating[] = Array.from({ length: 500 }, (_, i) => {
      const createdAt = localIso(Date.parse('2026-11-30T01:00:00.000Z') + i * 30_000);
      return {
        id: `${deviceId}-${round}${i}`, deviceId, seq: i + 1, createdAt, localDay: createdAt.slice(0, 10), scale: 'vn-3',
        level: 1 + Math.floor(random() * 3), officerId: `o-${1 + (i % 3)}`, serviceCode: 'HO-TICH', dossierCode: null, reasons: [], flags: [],
        appVersion: '0.1.0', bootId: BOOT,
      };
    });
    const reasonAnswers = ratings.filter((r) => r.level === 3 && random() < 0.4).map((r) => ({ id: `${r.id}-a`, deviceId, ratingId: r.id, createdAt: r.createdAt, reasons: [REASONS[0] ?? { code: 'X', label: 'X' }] }));
    batches.push({ formatVersion: 1, deviceId, batchId: `22222222-0000-4000-8000-${(round.charCodeAt(0) * 1000 + b).toString().padStart(12, '0')}`, seqFrom: 1, seqTo: 500, sentAt: ratings[0]?.createdAt ?? '', appVersion: '0.1.0', ratings, reasonAnswers });
  }
  return batches;
}

async function measureIngest(name: string, store: CentralStore): Promise<void> {
  const times: IngestTimes = { receivedAt: new Date('2026-12-01T01:00:00.000Z'), now: new Date('2026-12-01T01:00:00.000Z') };
  const tallies = store.tallies as unknown as { ingest: (...args: unknown[]) => unknown };
  const keep = tallies.ingest.bind(tallies);
  const rounds: Record<'on' | 'off', number[]> = { on: [], off: [] };
  // Alternate on and off, fresh devices each round, so the machine's drift hits both alike.
  for (const [i, mode] of (['on', 'off', 'on', 'off', 'on', 'off'] as const).entries()) {
    const batches = await ingestBatches(store, String.fromCharCode(65 + i));
    tallies.ingest = mode === 'on' ? keep : async () => undefined;
    const started = performance.now();
    for (const batch of batches) await store.ingestBatch(batch, times);
    rounds[mode].push((INGEST_BATCHES * 500) / ((performance.now() - started) / 1000));
  }
  tallies.ingest = keep;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const [on, off] = [median(rounds.on), median(rounds.off)];
  expect(on).toBeGreaterThan(0);
  results.push(`${name} · ingest (batches of 500): tallies on ${on.toFixed(0)} ratings/s, off ${off.toFixed(0)} ratings/s; time ratio on/off ${(off / on).toFixed(3)}× (goal ≤ 1.25×)`);
}

it('central at scale on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-central-scale-'));
  try {
    let started = performance.now();
    loadSqlite(join(dir, CENTRAL_DB_FILE));
    const store = openSqliteCentralStore(dir);
    try {
      const loadMs = performance.now() - started;
      started = performance.now();
      const rebuilt = await store.tallies.rebuild();
      expect(rebuilt.ratings).toBe(RATINGS);
      results.push(`SQLite · loaded in ${(loadMs / 1000).toFixed(1)} s; tallies rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s (${rebuilt.reasonChoices} reason choices)`);
      await addUnits(store);
      await measureViews('SQLite', store);
      await measureIngest('SQLite', store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 7_200_000);

it('central at scale on PostgreSQL', async () => {
  const postgres = await startTestPostgres();
  try {
    let started = performance.now();
    const pool = await openPostgresPool({ connectionString: postgres.url });
    try {
      await loadPostgres(pool);
    } finally {
      await pool.end();
    }
    const store = await openPostgresCentralStore({ connectionString: postgres.url });
    try {
      const loadMs = performance.now() - started;
      started = performance.now();
      const rebuilt = await store.tallies.rebuild();
      expect(rebuilt.ratings).toBe(RATINGS);
      const analyze = await openPostgresPool({ connectionString: postgres.url });
      await analyze.query('ANALYZE tally_days, tally_hours, tally_reasons').finally(() => analyze.end());
      results.push(`PostgreSQL · loaded in ${(loadMs / 1000).toFixed(1)} s; tallies rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s (${rebuilt.reasonChoices} reason choices)`);
      await addUnits(store);
      await measureViews('PostgreSQL', store);
      await measureIngest('PostgreSQL', store);
    } finally {
      await store.close();
    }
  } finally {
    postgres.stop();
  }
}, 7_200_000);
