// `npm run bench`: the dashboard's queries on a kiosk that has served for five years.
// One million ratings (BENCH_RATINGS to change it, e.g. 50000 for a quick check) over five
// years of local days; then any single day's tally and the 30-day trend, with the tally index
// and without it (dropped inside a transaction that is rolled back), and the ratio.
// No thresholds: the numbers are for people to compare between versions.
import { defaultReasons } from '../../shared/default-reasons';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { computeTallies } from '../../electron/backend/reports/tallies';
import { countByDay, countByLevel, explainTallyQuery } from '../../electron/backend/reports/tallies-repo';
import { addDays } from '../../shared/periods';
import { tempDataDir } from '../support/backend-fixture';

const RATINGS = Number(process.env.BENCH_RATINGS ?? 1_000_000);
const LAST_DAY = '2026-11-23';
const DAYS = 5 * 365 + 1;
const FIRST_DAY = addDays(LAST_DAY, -(DAYS - 1));

const results: string[] = [];
afterAll(() => {
  console.log(`\n=== Hài Lòng tally benchmark ===\n${results.join('\n')}\n`);
});

/** A small deterministic PRNG (mulberry32), so every run measures the same database. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seed(file: string): number {
  const db = openDatabase(file);
  const random = prng(42);
  const officers = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  const insertOfficer = db.prepare("INSERT INTO officers (id, code, name, title, created_at) VALUES (?, ?, ?, '', '2021-01-01T00:00:00Z')");
  officers.forEach((id, i) => insertOfficer.run(id, `CB${i + 1}`, `Cán bộ ${i + 1}`));
  const areas = ['HO-TICH', 'CHUNG-THUC', 'DAT-DAI', 'XAY-DUNG', null];
  // Reasons are answers beside the rating (migration 006), given after half the negative ones.
  const reasons = defaultReasons.slice(0, 4).map(({ code, label }) => ({ code, label }));
  const insert = db.prepare(
    `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code, flags, app_version, boot_id)
     VALUES (?, 'bench-device', ?, ?, ?, 'vn-3', ?, ?, ?, ?, '0.1.0', 'bench-boot')`,
  );
  const insertAnswer = db.prepare("INSERT INTO reason_answers (id, rating_id, device_id, created_at, reasons) VALUES (?, ?, 'bench-device', ?, ?)");
  const started = performance.now();
  db.transaction(() => {
    for (let seq = 1; seq <= RATINGS; seq++) {
      // Evenly over the days, in office hours 07:00–17:00, in time order.
      const dayIndex = Math.floor(((seq - 1) * DAYS) / RATINGS);
      const day = addDays(FIRST_DAY, dayIndex);
      const seconds = 7 * 3600 + Math.floor(random() * 10 * 3600);
      const time = new Date(seconds * 1000).toISOString().slice(11, 23);
      const roll = random();
      const level = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
      const why = level === 3 && random() < 0.5 ? JSON.stringify([reasons[Math.floor(random() * reasons.length)]]) : null;
      const flags = random() < 0.005 ? '["suspected_misuse"]' : '[]';
      insert.run(
        `r-${seq}`,
        seq,
        `${day}T${time}+07:00`,
        day,
        level,
        random() < 0.9 ? officers[Math.floor(random() * officers.length)] : null,
        areas[Math.floor(random() * areas.length)],
        flags,
      );
      if (why !== null) insertAnswer.run(`a-${seq}`, `r-${seq}`, `${day}T${time}+07:00`, why);
    }
  })();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** Median time of `run` over `days`, in milliseconds. */
function median(days: string[], run: (day: string) => unknown): number {
  const times = days.map((day) => {
    const t = performance.now();
    run(day);
    return performance.now() - t;
  });
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(7) + ' ms';

it(`tallies over ${RATINGS.toLocaleString('en')} ratings in ${DAYS} local days`, () => {
  const file = join(tempDataDir(), 'kiosk.db');
  const seedMs = seed(file);
  const db = openDatabase(file);
  try {
    expect((db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n).toBe(RATINGS);
    const random = prng(7);
    const someDays = (n: number) => Array.from({ length: n }, () => addDays(FIRST_DAY, 30 + Math.floor(random() * (DAYS - 30))));
    const day = (d: string) => ({ from: d, to: d, includeFlagged: false });
    const trend = (d: string) => ({ from: addDays(d, -29), to: d, includeFlagged: false });

    const measure = (label: string, samples: number) => ({
      label,
      day: median(someDays(samples), (d) => countByLevel(db, day(d))),
      trend: median(someDays(samples), (d) => countByDay(db, trend(d))),
      dashboard: median(someDays(samples), (d) => computeTallies(db, { from: d, to: d }, false)),
      plan: explainTallyQuery(db, 'byLevel', day(LAST_DAY)).find((l) => / r\b/.test(l)) ?? '?',
    });

    const indexed = measure('with ratings_day_tally', 51);
    // The same queries with the index gone: DDL is transactional in SQLite, so drop it in a
    // transaction, measure, and roll back (the file keeps its index).
    db.exec('BEGIN; DROP INDEX ratings_day_tally;');
    const scanned = measure('without the index', 5);
    // Migration 003 replaced the plain local_day index of 001 by the covering one: why.
    db.exec('CREATE INDEX ratings_local_day ON ratings (local_day);');
    const plain = measure('with only (local_day), as before 003', 51);
    db.exec('ROLLBACK');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ratings_day_tally'").get()).toBeDefined();

    const sizeMb = (statSync(file).size / 1024 / 1024).toFixed(0);
    results.push(
      `Seeded ${RATINGS.toLocaleString('en')} ratings (${FIRST_DAY} … ${LAST_DAY}, ~${Math.round(RATINGS / DAYS)} a day) in ${(seedMs / 1000).toFixed(1)} s, one transaction; database ${sizeMb} MiB`,
      `Median per query (random days):        one day's levels   30-day trend   whole dashboard (getTallies, 1 day)`,
      ...[indexed, plain, scanned].map((m) => `  ${m.label.padEnd(36)} ${fmt(m.day)}       ${fmt(m.trend)}      ${fmt(m.dashboard)}`),
      `  ratio (without ÷ with)               ${(scanned.day / indexed.day).toFixed(0).padStart(7)}×       ${(scanned.trend / indexed.trend).toFixed(0).padStart(7)}×      ${(scanned.dashboard / indexed.dashboard).toFixed(0).padStart(7)}×`,
      `  plan with the index:    ${indexed.plan}`,
      `  plan with (local_day):  ${plain.plan}`,
      `  plan without the index: ${scanned.plan}`,
    );
  } finally {
    db.close();
  }
}, 1_800_000);
