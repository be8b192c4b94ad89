// Issue 17, tallies kept at ingest (central/tallies.ts), on SQLite and PostgreSQL. After seeded
// random deliveries (devices in several zones, resends, late sync files, answers before their
// rating, repeated and forged reasons, conflicts) the tallies kept batch by batch equal the ones
// `tallies rebuild` recomputes, and the dashboard's counts read from them equal the raw recount.
// A resend or a re-imported file adds nothing; concurrent batches lose nothing; migration 14 fills
// the tallies of a central upgraded with data; the CLI prints its machine-readable lines.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DashboardCounts } from '../../central/dashboard/dashboard-counts';
import type { CentralStore } from '../../central/store/central-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { postgresMigrations } from '../../central/store/postgres-migrations';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { sqliteMigrations } from '../../central/store/sqlite-migrations';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { talliesPostgresMigration, talliesSqliteMigration } from '../../central/store/tally-migrations';
import type { DayRange } from '../../shared/periods';
import { batchOf, freshPostgresSchema, onCleanup, ratingsFor, reasonAnswer, storeFactories, tempDir, testPostgresUrl, wireRating } from '../support/central-fixture';
import { runCentral } from '../support/cli-runners';
import { addIngestDevices, deliver, ingestTimes, INGEST_DEVICES, randomDeliveries } from '../support/random-ingest';

const RANGES: DayRange[] = [
  { from: '2026-11-01', to: '2026-12-31' },
  { from: '2026-11-21', to: '2026-11-21' },
  { from: '2026-11-22', to: '2026-11-23' },
];

/** Order-free: the counts contract promises rows, not their order. */
function sorted(counts: DashboardCounts): Record<keyof DashboardCounts, string[]> {
  const rows = (list: readonly unknown[]) => list.map((r) => JSON.stringify(r)).sort();
  return { ratings: rows(counts.ratings), reasons: rows(counts.reasons), days: rows(counts.days), hours: rows(counts.hours) };
}

async function expectTalliesMatchRaw(store: CentralStore): Promise<void> {
  for (const range of RANGES) expect(sorted(await store.dashboardCounts(range)), JSON.stringify(range)).toEqual(sorted(await store.tallies.rawCounts(range)));
}

describe.each(storeFactories)('tallies kept at ingest ($storage)', (factory) => {
  it.each([1, 2, 3])('after random deliveries (seed %i) the kept tallies equal the rebuilt ones and the raw recount', async (seed) => {
    const store = await factory.open();
    await addIngestDevices(store);
    const accepted = await deliver(store, randomDeliveries(seed, 40));
    const kept = await store.tallies.rows();
    expect(kept.days.reduce((sum, t) => sum + t.n, 0)).toBe(accepted);
    expect(kept.reasons.length).toBeGreaterThan(0);
    await expectTalliesMatchRaw(store);

    const rebuilt = await store.tallies.rebuild();
    expect(rebuilt.ratings).toBe(accepted);
    expect(rebuilt.reasonChoices).toBe(kept.reasons.reduce((sum, t) => sum + t.n, 0));
    expect(await store.tallies.rows()).toEqual(kept);
  });

  it('a resend, a retried batch under a new id and a re-imported sync file add nothing', async () => {
    const store = await factory.open();
    await addIngestDevices(store);
    const deviceId = INGEST_DEVICES[0].deviceId;
    const batch = batchOf(ratingsFor(deviceId, [1, 2, 3]), { reasonAnswers: [reasonAnswer(deviceId, 3)] });
    expect((await store.ingestBatch(batch, ingestTimes('http'))).accepted).toHaveLength(4);
    const once = await store.tallies.rows();
    expect(once.days.reduce((sum, t) => sum + t.n, 0)).toBe(3);
    expect(once.reasons.map((t) => [t.code, t.n])).toEqual([['CHO-LAU', 1], ['THAI-DO', 1]]);

    expect((await store.ingestBatch(batch, ingestTimes('http'))).duplicate).toHaveLength(4);
    expect((await store.ingestBatch({ ...batch, batchId: '0193a1b2-c3d4-7e5f-8a6b-ffffffffffff' }, ingestTimes('http'))).duplicate).toHaveLength(4);
    expect((await store.ingestBatch(batch, ingestTimes('sync-file'))).duplicate).toHaveLength(4);
    expect(await store.tallies.rows()).toEqual(once);
  });

  it('refuses to count what an attacker sends: a changed rating, a stolen seq, reasons onto another device, a reason repeated', async () => {
    const store = await factory.open();
    await addIngestDevices(store);
    const [a, b] = [INGEST_DEVICES[0].deviceId, INGEST_DEVICES[1].deviceId];
    await store.ingestBatch(batchOf([wireRating(a, 1, { level: 3 })]), ingestTimes('http'));
    const before = await store.tallies.rows();

    // Turning a "Không hài lòng" into "Rất hài lòng" by resending its id, or taking its seq: conflicts.
    const changed = await store.ingestBatch(batchOf([wireRating(a, 1, { level: 1 })]), ingestTimes('http'));
    const stolenSeq = await store.ingestBatch(batchOf([{ ...wireRating(a, 1, { level: 1 }), id: '0193a1b2-0000-7000-8000-000000000001' }]), ingestTimes('sync-file'));
    expect([changed.conflicts.length, stolenSeq.conflicts.length]).toEqual([1, 1]);
    // Device B piles reasons onto A's rating: stored (append-only), never counted.
    const forged = { ...reasonAnswer(a, 1), id: '0193a1b2-0000-7000-8000-000000000002', deviceId: b };
    expect((await store.ingestBatch(batchOf([], { reasonAnswers: [forged] }), ingestTimes('http'))).accepted).toEqual([forged.id]);
    expect(await store.tallies.rows()).toEqual(before);

    // A's own answer counts each reason once; a second answer repeating one (another label) adds none.
    await store.ingestBatch(batchOf([], { reasonAnswers: [reasonAnswer(a, 1)] }), ingestTimes('http'));
    const again = { ...reasonAnswer(a, 1), id: '0193a1b2-0000-7000-8000-000000000003', reasons: [{ code: 'CHO-LAU', label: 'Z – chờ rất lâu' }] };
    await store.ingestBatch(batchOf([], { reasonAnswers: [again] }), ingestTimes('http'));
    expect((await store.tallies.rows()).reasons.map((t) => [t.code, t.label, t.n])).toEqual([
      ['CHO-LAU', 'Z – chờ rất lâu', 1],
      ['THAI-DO', 'Thái độ cán bộ chưa tốt', 1],
    ]);
    await expectTalliesMatchRaw(store);
  });

  it('concurrent batches from several devices, their resends and a rebuild lose nothing and count nothing twice', async () => {
    const store = await factory.open();
    await addIngestDevices(store);
    const deliveries = randomDeliveries(7, 30);
    // Everything at once, with a rebuild in the middle of the crowd.
    const half = Math.floor(deliveries.length / 2);
    await Promise.all([
      ...deliveries.slice(0, half).map(({ batch, via }) => store.ingestBatch(batch, ingestTimes(via))),
      store.tallies.rebuild(),
      ...deliveries.slice(half).map(({ batch, via }) => store.ingestBatch(batch, ingestTimes(via))),
    ]);
    const kept = await store.tallies.rows();
    await expectTalliesMatchRaw(store);
    await store.tallies.rebuild();
    expect(await store.tallies.rows()).toEqual(kept);
  });
});

describe('migration 14 fills the tallies of a central upgraded with data', () => {
  it('on SQLite', async () => {
    const dir = tempDir();
    const store = openSqliteCentralStore(dir);
    await addIngestDevices(store);
    await deliver(store, randomDeliveries(11, 25));
    const kept = await store.tallies.rows();
    await store.close();
    // Back to the version before, as a central not yet upgraded, then open with this code.
    const db = openCentralDatabase(`${dir}/${CENTRAL_DB_FILE}`);
    db.exec('DROP TABLE tally_days; DROP TABLE tally_hours; DROP TABLE tally_reasons');
    db.pragma(`user_version = ${sqliteMigrations.indexOf(talliesSqliteMigration)}`);
    db.close();
    const upgraded = openSqliteCentralStore(dir);
    onCleanup(() => upgraded.close());
    expect(await upgraded.tallies.rows()).toEqual(kept);
    await expectTalliesMatchRaw(upgraded);
  });

  it('on PostgreSQL', async () => {
    const schema = await freshPostgresSchema('tallies');
    const store = await openPostgresCentralStore({ connectionString: testPostgresUrl(), schema });
    await addIngestDevices(store);
    await deliver(store, randomDeliveries(12, 25));
    const kept = await store.tallies.rows();
    await store.close();
    const client = new pg.Client({ connectionString: testPostgresUrl() });
    await client.connect();
    try {
      await client.query(`SET search_path = ${schema}`);
      await client.query('DROP TABLE tally_days, tally_hours, tally_reasons');
      await client.query('DELETE FROM central_migrations WHERE version > $1', [postgresMigrations.indexOf(talliesPostgresMigration)]);
    } finally {
      await client.end();
    }
    const upgraded = await openPostgresCentralStore({ connectionString: testPostgresUrl(), schema });
    onCleanup(() => upgraded.close());
    expect(await upgraded.tallies.rows()).toEqual(kept);
    await expectTalliesMatchRaw(upgraded);
  });
});

describe('npm run central -- tallies rebuild', () => {
  it('recomputes the tallies and prints its machine-readable lines; a wrong action is refused in Vietnamese', async () => {
    const dir = tempDir();
    const store = openSqliteCentralStore(dir);
    await addIngestDevices(store);
    const accepted = await deliver(store, randomDeliveries(5, 10));
    const kept = await store.tallies.rows();
    await store.close();

    const result = await runCentral(dir, 'tallies', 'rebuild');
    expect(result.code, result.err).toBe(0);
    const choices = kept.reasons.reduce((sum, t) => sum + t.n, 0);
    expect(result.out.split('\n').filter((l) => /^[A-Z_]+=/.test(l))).toEqual([`TALLIED_RATINGS=${accepted}`, `TALLIED_REASON_CHOICES=${choices}`]);
    const reopened = openSqliteCentralStore(dir);
    onCleanup(() => reopened.close());
    expect(await reopened.tallies.rows()).toEqual(kept);

    const wrong = await runCentral(dir, 'tallies', 'erase');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Lệnh không hợp lệ: "tallies erase"');
  });
});
