// Issue 17: each device's rating count, highest seq and gaps are kept at ingest (migration 13),
// not recounted from the ratings on every GET /api/v1/devices. A seeded generator delivers
// ratings in random order, as resends, as sync files and as conflicting copies; after each few
// deliveries the kept state must equal a raw recount of the stored ratings, on both stores. Then
// the rebuild must write the same state, and batches racing for adjacent ranges must merge.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { CentralStore } from '../../central/store/central-store';
import { deviceStatePostgresMigration, deviceStateSqliteMigration } from '../../central/store/device-state-migrations';
import { openPostgresPool } from '../../central/store/postgres-database';
import { postgresMigrations } from '../../central/store/postgres-migrations';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { sqliteMigrations } from '../../central/store/sqlite-migrations';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { mergeRuns, runsOf } from '../../central/device-seq-ranges';
import { batchOf, onCleanup, ratingsFor, storeFactories, tempDir, testPostgresUrl, wireRating } from '../support/central-fixture';
import { seededRandom } from '../support/seeded-random';
import { runCentral } from '../support/cli-runners';

const at = new Date('2026-11-23T02:20:00.412Z');

/** What GET /api/v1/devices must say of a device, recounted from its stored ratings. */
async function recount(store: CentralStore, deviceId: string) {
  const seqs = (await store.storedRatings(deviceId)).map((r) => r.rating.seq);
  const maxSeq = Math.max(0, ...seqs);
  const held = new Set(seqs);
  const gaps: { from: number; to: number }[] = [];
  for (let seq = 1; seq <= maxSeq; seq++) {
    if (held.has(seq)) continue;
    const last = gaps.at(-1);
    if (last !== undefined && last.to === seq - 1) last.to = seq;
    else gaps.push({ from: seq, to: seq });
  }
  return { ratingCount: seqs.length, maxSeq, gaps };
}

async function kept(store: CentralStore) {
  return (await store.deviceSummaries()).map((d) => ({ deviceId: d.deviceId, ratingCount: d.ratingCount, maxSeq: d.maxSeq, gaps: d.gaps }));
}

async function expectKeptEqualsRecount(store: CentralStore): Promise<void> {
  const summaries = await kept(store);
  for (const s of summaries) expect({ deviceId: s.deviceId, ...(await recount(store, s.deviceId)) }).toEqual(s);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

describe('seq ranges (pure merge)', () => {
  it('joins a new run to the stored ranges on both sides and keeps ranges maximal', () => {
    expect(runsOf([7, 3, 4, 9, 3, 8])).toEqual([{ from: 3, to: 4 }, { from: 7, to: 9 }]);
    expect(mergeRuns([{ from: 5, to: 6 }], [{ from: 1, to: 4 }, { from: 7, to: 10 }])).toEqual({ remove: [1, 7], add: [{ from: 1, to: 10 }] });
    expect(mergeRuns([{ from: 3, to: 3 }, { from: 5, to: 5 }], [{ from: 4, to: 4 }])).toEqual({ remove: [4], add: [{ from: 3, to: 5 }] });
  });
});

describe.each(storeFactories)('device state on $storage', (factory) => {
  it('equals a raw recount under random order, resends, sync files and conflicting copies; the rebuild writes the same', async () => {
    for (const seed of [17, 2026, 424242]) {
      const random = seededRandom(seed);
      const store = await factory.open({ now: () => at });
      const devices = await Promise.all([1, 2, 3].map((counter) => store.addDevice({ officeCode: '000.00.21.H56', counter })));
      const deliveries: { ratings: ReturnType<typeof wireRating>[]; via: 'http' | 'sync-file' }[] = [];
      for (const { deviceId } of devices) {
        const total = 20 + Math.floor(random() * 30);
        // About one seq in seven never arrives: the gaps.
        const sent = shuffle(Array.from({ length: total }, (_, i) => i + 1).filter(() => random() > 0.15), random);
        for (let i = 0; i < sent.length; ) {
          const size = 1 + Math.floor(random() * 8);
          const ratings = ratingsFor(deviceId, sent.slice(i, i + size).sort((a, b) => a - b));
          i += size;
          const delivery = { ratings, via: random() < 0.25 ? ('sync-file' as const) : ('http' as const) };
          deliveries.push(delivery);
          if (random() < 0.3) deliveries.push({ ...delivery }); // a resend, later or earlier
          // A tampered copy: same id, other content, or another id on a held seq — a conflict, never counted.
          const victim = ratings[0];
          if (victim !== undefined && random() < 0.15) deliveries.push({ ratings: [{ ...victim, level: victim.level === 1 ? 2 : 1 }], via: 'http' });
          if (victim !== undefined && random() < 0.15) deliveries.push({ ratings: [{ ...victim, id: victim.id.replace(/-8000-/, '-8001-') }], via: 'http' });
        }
      }
      shuffle(deliveries, random);
      for (const [i, d] of deliveries.entries()) {
        await store.ingestBatch(batchOf(d.ratings), { receivedAt: at, now: at, via: d.via });
        if (i % 7 === 0) await expectKeptEqualsRecount(store);
      }
      await expectKeptEqualsRecount(store);
      const before = await kept(store);
      expect(before.some((d) => d.gaps.length > 0)).toBe(true);
      expect(await store.rebuildDeviceState()).toMatchObject({ devices: 3 });
      expect(await kept(store)).toEqual(before);
    }
  });

  it('a rebuild while batches arrive: every rating counted once, the state equal to a recount', async () => {
    const store = await factory.open({ now: () => at });
    const devices = await Promise.all([1, 2].map((counter) => store.addDevice({ officeCode: '000.00.21.H56', counter })));
    const batches = devices.flatMap(({ deviceId }) => [1, 3, 5, 7, 9].map((n) => batchOf(ratingsFor(deviceId, Array.from({ length: 4 }, (_, i) => n * 4 + i + 1)))));
    const send = (list: typeof batches) => list.map((b) => store.ingestBatch(b, { receivedAt: at, now: at }));
    await Promise.all([...send(batches.slice(0, 5)), store.rebuildDeviceState(), ...send(batches.slice(5)), store.rebuildDeviceState()]);
    await expectKeptEqualsRecount(store);
    expect((await kept(store)).map((d) => d.ratingCount)).toEqual([20, 20]);
  });

  it('merges batches of adjacent ranges of one device that arrive at the same moment', async () => {
    const store = await factory.open({ now: () => at });
    const { deviceId } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    const ranges = [[1, 5], [6, 10], [11, 15], [16, 20], [22, 25], [26, 30]] as const;
    const batches = ranges.map(([from, to]) => batchOf(ratingsFor(deviceId, Array.from({ length: to - from + 1 }, (_, i) => from + i))));
    await Promise.all([...batches, ...batches].map((b) => store.ingestBatch(b, { receivedAt: at, now: at })));
    const [summary] = await kept(store);
    expect(summary).toEqual({ deviceId, ratingCount: 29, maxSeq: 30, gaps: [{ from: 21, to: 21 }] });
  });
});

const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
const insertDevice = `INSERT INTO devices (device_id, office_code, counter, token_hash, created_at) VALUES ('${deviceId}', '000.00.21.H56', 1, '${'a'.repeat(64)}', '2026-11-01T00:00:00.000Z')`;
/** Ratings stored before migration 13, written as SQL: the store of that time is gone. */
const insertRatings = (seqs: readonly number[]) =>
  `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, reasons, flags, app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags) VALUES ` +
  seqs
    .map((seq) => {
      const r = wireRating(deviceId, seq);
      return `('${r.id}', '${deviceId}', ${seq}, '${r.createdAt}', '${r.localDay}', 'vn-3', 1, '[]', '[]', '0.1.0', '${r.bootId}', '${'b'.repeat(64)}', 'old-batch', '2026-11-23T02:20:00.412Z', 0, '[]')`;
    })
    .join(', ');
const storedBefore = [1, 2, 3, 5, 8, 9, 10];

describe.each([
  {
    storage: 'sqlite',
    before: async () => {
      const dir = tempDir();
      const db = openCentralDatabase(join(dir, CENTRAL_DB_FILE), sqliteMigrations.slice(0, sqliteMigrations.indexOf(deviceStateSqliteMigration)));
      db.exec(insertDevice);
      db.exec(insertRatings(storedBefore));
      db.close();
      return async () => openSqliteCentralStore(dir);
    },
  },
  {
    storage: 'postgres',
    before: async () => {
      const url = testPostgresUrl();
      const schema = `m_${randomBytes(8).toString('hex')}`;
      onCleanup(async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      });
      const pool = await openPostgresPool({ connectionString: url, schema }, postgresMigrations.slice(0, postgresMigrations.indexOf(deviceStatePostgresMigration)));
      await pool.query(insertDevice);
      await pool.query(insertRatings(storedBefore));
      await pool.end();
      return () => openPostgresCentralStore({ connectionString: url, schema });
    },
  },
])('migration 13 on $storage', ({ before }) => {
  it('fills the state from the ratings already stored, and ingest goes on from there', async () => {
    const store = await (await before())();
    onCleanup(() => store.close());
    expect(await kept(store)).toEqual([{ deviceId, ratingCount: 7, maxSeq: 10, gaps: [{ from: 4, to: 4 }, { from: 6, to: 7 }] }]);
    await store.ingestBatch(batchOf(ratingsFor(deviceId, [4, 6, 12])), { receivedAt: at, now: at });
    expect(await kept(store)).toEqual([{ deviceId, ratingCount: 10, maxSeq: 12, gaps: [{ from: 7, to: 7 }, { from: 11, to: 11 }] }]);
  });
});

describe('central device rebuild', () => {
  it('rewrites state that drifted from the ratings (here: wiped by hand) and prints what it wrote', async () => {
    const dir = tempDir();
    const store = openSqliteCentralStore(dir);
    const { deviceId: id } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    await store.ingestBatch(batchOf(ratingsFor(id, [1, 2, 5, 9])), { receivedAt: at, now: at });
    await store.close();
    const db = openCentralDatabase(join(dir, CENTRAL_DB_FILE));
    db.exec(`DELETE FROM device_ranges; UPDATE device_rating_state SET rating_count = 0`);
    db.close();

    expect(await runCentral(dir, 'device', 'rebuild')).toEqual({ code: 0, err: '', out: 'Đã tính lại trạng thái thiết bị từ các đánh giá và chuỗi bản ghi đã lưu.\nDEVICES=1\nSEQ_RANGES=3\nCHAIN_RANGES=0\n' });
    const reopened = openSqliteCentralStore(dir);
    onCleanup(() => reopened.close());
    expect(await kept(reopened)).toEqual([{ deviceId: id, ratingCount: 4, maxSeq: 9, gaps: [{ from: 3, to: 4 }, { from: 6, to: 8 }] }]);
  });
});
