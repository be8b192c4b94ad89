// Tallies against hand counts. Every figure below was counted by hand from the crafted rows.
import { describe, expect, it } from 'vitest';
import { explainTallyQuery, type TallyQuery } from '../../electron/backend/reports/tallies-repo';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { insertOfficer } from '../../electron/backend/staff/officers-repo';
import { defaultReasons } from '../../shared/default-reasons';
import type { Tallies } from '../../shared/tallies';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { must, seedRatings, sectionHeadSession, type CraftedRating } from '../support/staff-fixture';

const HOA = '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01';
const BINH = '7a0c5a3e-1b2d-4c6f-8e9a-0b1c2d3e4f50';
const WAIT = 'Thời gian chờ lâu';
const GUIDE = 'Hướng dẫn chưa rõ ràng';
const ATTITUDE = 'Thái độ cán bộ chưa tốt';
const OTHER = 'Lý do khác';

const day = (d: string, time: string) => `${d}T${time}+07:00`;

/** Monday 2026-11-23 on vn-3, with its neighbours. */
const nov23: CraftedRating[] = [
  { at: day('2026-10-24', '09:00:00.000'), level: 3 }, // outside the 30-day trend
  { at: day('2026-10-25', '09:00:00.000'), level: 2 }, // the trend's first day
  { at: day('2026-11-22', '10:00:00.000'), level: 3 },
  { at: day('2026-11-22', '23:59:59.999'), level: 1 },
  { at: day('2026-11-23', '00:00:00.000'), level: 1 },
  { at: day('2026-11-23', '08:05:00.000'), level: 1, officerId: HOA, serviceCode: 'HO-TICH' },
  { at: day('2026-11-23', '08:40:00.000'), level: 1, officerId: HOA, serviceCode: 'HO-TICH' },
  { at: day('2026-11-23', '09:10:00.000'), level: 2, officerId: HOA, serviceCode: 'CHUNG-THUC' },
  { at: day('2026-11-23', '09:59:59.999'), level: 3, officerId: HOA, serviceCode: 'HO-TICH', reasons: [WAIT, GUIDE] },
  { at: day('2026-11-23', '10:00:00.000'), level: 2, officerId: BINH },
  { at: day('2026-11-23', '11:00:00.000'), level: 3, officerId: BINH, flags: ['suspected_misuse'], reasons: [ATTITUDE] },
  { at: day('2026-11-23', '11:30:00.000'), level: 1, officerId: HOA, serviceCode: 'HO-TICH', flags: ['clock_went_backwards'] },
  { at: day('2026-11-23', '14:30:00.000'), level: 3, officerId: BINH, reasons: [WAIT] },
  { at: day('2026-11-23', '23:59:59.999'), level: 3, reasons: [ATTITUDE] },
  { at: day('2026-11-24', '00:00:00.000'), level: 3 },
];

async function backendWith(ratings: CraftedRating[]) {
  const backend = openTestBackend({ dataDir: tempDataDir(), now: manualClock('2026-11-24T03:00:00.000Z').now });
  insertOfficer(backend.context.db, { id: HOA, code: 'CB01', name: 'Nguyễn Thị Hoa', title: '', photoDataUrl: null, active: true }, '2026-11-01T00:00:00Z');
  insertOfficer(backend.context.db, { id: BINH, code: 'CB02', name: 'Trần Văn Bình', title: '', photoDataUrl: null, active: false }, '2026-11-01T00:00:00Z');
  seedRatings(backend, ratings);
  sectionHeadSession(backend);
  const tallies = async (from: string, to = from, includeFlagged = false) => (await must(backend, 'getTallies', { range: { from, to }, includeFlagged })) as Tallies;
  return { backend, tallies };
}

describe('tallies, vn-3, one day', () => {
  it('count levels, the satisfaction rate and the previous day; misuse flags excluded by default', async () => {
    const { tallies } = await backendWith(nov23);
    const t = await tallies('2026-11-23');
    expect(t).toMatchObject({ range: { from: '2026-11-23', to: '2026-11-23' }, total: 9, satisfied: 6, includesFlagged: false, excludedFlaggedCount: 1 });
    // Counted on their own ("nghi ngờ"); clock_went_backwards is information only and counts.
    expect(t.suspectedCount).toBe(1);
    expect(t.satisfactionRate).toBeCloseTo(6 / 9);
    expect(t.byScale).toEqual([
      {
        scale: 'vn-3',
        total: 9,
        levels: [
          { level: 1, label: 'Rất hài lòng', count: 4, share: 4 / 9 },
          { level: 2, label: 'Hài lòng', count: 2, share: 2 / 9 },
          { level: 3, label: 'Không hài lòng', count: 3, share: 3 / 9 },
        ],
      },
    ]);
    expect(t.previous).toEqual({ range: { from: '2026-11-22', to: '2026-11-22' }, total: 2, satisfactionRate: 0.5 });
    expect(t.topReasons).toEqual([
      { reason: WAIT, count: 2 },
      { reason: GUIDE, count: 1 },
      { reason: ATTITUDE, count: 1 },
    ]);
  });

  it('include flagged ratings on request', async () => {
    const { tallies } = await backendWith(nov23);
    const t = await tallies('2026-11-23', '2026-11-23', true);
    expect(t).toMatchObject({ total: 10, satisfied: 6, satisfactionRate: 0.6, includesFlagged: true, excludedFlaggedCount: 0 });
    expect(t.suspectedCount).toBe(1);
    expect(t.byScale[0]?.levels.map((l) => l.count)).toEqual([4, 2, 4]);
    expect(t.topReasons).toEqual([
      { reason: ATTITUDE, count: 2 },
      { reason: WAIT, count: 2 },
      { reason: GUIDE, count: 1 },
    ]);
  });

  it("group reason choices by the national survey's factors, as the office's reason list places them", async () => {
    const factors = (t: Tallies) => t.byFactor.map((f) => [f.factor, f.name, f.count, f.share]);
    const { backend, tallies } = await backendWith([...nov23, { at: day('2026-11-23', '15:00:00.000'), level: 3, reasons: [OTHER, WAIT] }]);
    // By hand, flagged left out: WAIT ×3 (access); GUIDE, ATTITUDE (officer); OTHER outside the five. 6 choices.
    expect(factors(await tallies('2026-11-23'))).toEqual([
      ['access', 'Tiếp cận dịch vụ', 3, 3 / 6],
      ['procedure', 'Thủ tục hành chính', 0, 0],
      ['officer', 'Công chức giải quyết công việc', 2, 2 / 6],
      ['result', 'Kết quả giải quyết công việc', 0, 0],
      ['feedback', 'Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị', 0, 0],
      [null, 'Chưa xếp nhóm tiêu chí', 1, 1 / 6],
    ]);
    // The flagged rating's ATTITUDE joins on request: officer 3 of 7.
    expect(factors(await tallies('2026-11-23', '2026-11-23', true))[2]).toEqual(['officer', 'Công chức giải quyết công việc', 3, 3 / 7]);
    // IT places "Lý do khác" under feedback and "Thời gian chờ lâu" under procedure: history regroups.
    saveKioskSettings(backend.context.db, {
      reasons: defaultReasons.map((r) => (r.code === 'KHAC' ? { ...r, factor: 'feedback' as const } : r.code === 'CHO-LAU' ? { ...r, factor: 'procedure' as const } : r)),
    });
    expect(factors(await tallies('2026-11-23')).map(([f, , n]) => [f, n])).toEqual([
      ['access', 0],
      ['procedure', 3],
      ['officer', 2],
      ['result', 0],
      ['feedback', 1],
    ]);
    // No reason chosen in the range: no rows.
    expect((await tallies('2026-11-24')).byFactor).toEqual([]);
  });

  it('split days at local midnight: 00:00:00.000 and 23:59:59.999 belong to the day, their neighbours do not', async () => {
    const { tallies } = await backendWith(nov23);
    const t = await tallies('2026-11-23');
    const hours = Object.fromEntries(t.byHour.filter((h) => h.total > 0).map((h) => [h.hour, h.byLevel]));
    expect(t.byHour.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    const at = (v1: number, v2: number, v3: number) => ({ 'Rất hài lòng': v1, 'Hài lòng': v2, 'Không hài lòng': v3 });
    expect(hours).toEqual({ 0: at(1, 0, 0), 8: at(2, 0, 0), 9: at(0, 1, 1), 10: at(0, 1, 0), 11: at(1, 0, 0), 14: at(0, 0, 1), 23: at(0, 0, 1) });
    expect(t.byHour[12]).toEqual({ hour: 12, byLevel: at(0, 0, 0), total: 0 });
    expect((await tallies('2026-11-24')).total).toBe(1);
    expect((await tallies('2026-11-22')).total).toBe(2);
  });

  it('per officer: a rate only from the minimum number of ratings; unattributed ratings listed last', async () => {
    const { backend, tallies } = await backendWith(nov23);
    expect((await tallies('2026-11-23')).byOfficer).toEqual([
      { officerId: HOA, name: 'Nguyễn Thị Hoa', total: 5, satisfied: 4, satisfactionRate: 0.8 },
      // Deactivated since: still named in the figures.
      { officerId: BINH, name: 'Trần Văn Bình', total: 2, satisfied: 1, satisfactionRate: null },
      { officerId: null, name: 'Chưa đăng nhập ca', total: 2, satisfied: 1, satisfactionRate: null },
    ]);
    await must(backend, 'saveDashboardSettings', { officerMinimumRatings: 6 });
    expect((await tallies('2026-11-23')).byOfficer[0]).toMatchObject({ total: 5, satisfactionRate: null });
    await must(backend, 'saveDashboardSettings', { officerMinimumRatings: 2 });
    expect((await tallies('2026-11-23')).byOfficer.map((o) => o.satisfactionRate)).toEqual([0.8, 0.5, 0.5]);
  });

  it('per service area, in the section head’s order, "no area" last; an area served by one officer keeps the minimum', async () => {
    const { backend, tallies } = await backendWith(nov23);
    // Issue 14: each area here was served by one named officer (Hộ tịch and Chứng thực by Hoa,
    // "no area" by Bình and ratings without a shift) with fewer than 5 ratings, so a rate would
    // be that officer's rate: withheld, as on the officer's own row.
    expect((await tallies('2026-11-23')).byServiceArea).toEqual([
      { serviceCode: 'HO-TICH', name: 'Hộ tịch', total: 4, satisfied: 3, satisfactionRate: null },
      { serviceCode: 'CHUNG-THUC', name: 'Chứng thực', total: 1, satisfied: 1, satisfactionRate: null },
      { serviceCode: null, name: 'Chưa chọn lĩnh vực', total: 4, satisfied: 2, satisfactionRate: null },
    ]);
    await must(backend, 'saveDashboardSettings', { officerMinimumRatings: 4 });
    expect((await tallies('2026-11-23')).byServiceArea.map((a) => a.satisfactionRate)).toEqual([0.75, null, 0.5]);
  });

  it('a day or period served by one officer keeps the minimum; by two officers, or by nobody named, it does not (issue 14)', async () => {
    const { backend, tallies } = await backendWith([
      ...[1, 1, 3].map((level, i) => ({ at: day('2026-11-20', `0${8 + i}:00:00.000`), level, officerId: HOA })),
      { at: day('2026-11-21', '08:00:00.000'), level: 1, officerId: HOA },
      { at: day('2026-11-21', '09:00:00.000'), level: 3, officerId: BINH },
      { at: day('2026-11-22', '08:00:00.000'), level: 1 },
    ]);
    const one = await tallies('2026-11-20');
    expect(one).toMatchObject({ total: 3, satisfied: 2, satisfactionRate: null });
    expect(one.trend.at(-1)).toEqual({ day: '2026-11-20', total: 3, satisfied: 2, satisfactionRate: null });
    const two = await tallies('2026-11-21');
    expect(two).toMatchObject({ total: 2, satisfactionRate: 0.5, previous: { total: 3, satisfactionRate: null } });
    expect(two.trend.at(-1)?.satisfactionRate).toBe(0.5);
    expect((await tallies('2026-11-22')).satisfactionRate).toBe(1);
    await must(backend, 'saveDashboardSettings', { officerMinimumRatings: 3 });
    expect((await tallies('2026-11-20')).satisfactionRate).toBeCloseTo(2 / 3);
  });

  it('trend: the 30 local days ending at range.to, zero-filled', async () => {
    const { tallies } = await backendWith(nov23);
    const { trend } = await tallies('2026-11-23');
    expect(trend).toHaveLength(30);
    expect(trend[0]).toEqual({ day: '2026-10-25', total: 1, satisfied: 1, satisfactionRate: 1 });
    expect(trend[1]).toEqual({ day: '2026-10-26', total: 0, satisfied: 0, satisfactionRate: null });
    expect(trend.slice(-2)).toEqual([
      { day: '2026-11-22', total: 2, satisfied: 1, satisfactionRate: 0.5 },
      { day: '2026-11-23', total: 9, satisfied: 6, satisfactionRate: 6 / 9 },
    ]);
    expect(trend.filter((d) => d.total > 0)).toHaveLength(3);
    // Across a month end: 30 days ending 2026-03-01 start on 2026-01-31.
    expect((await tallies('2026-03-01')).trend[0]?.day).toBe('2026-01-31');
  });

  it('an empty day: zeros, no rate, no scales', async () => {
    const { tallies } = await backendWith(nov23);
    const t = await tallies('2026-11-20');
    expect(t).toMatchObject({ total: 0, satisfied: 0, satisfactionRate: null, byScale: [], byOfficer: [], byServiceArea: [], topReasons: [], byFactor: [] });
    expect(t.byHour.every((h) => h.total === 0)).toBe(true);
  });
});

describe('tallies, vn-4, vn-5 and a period mixing them', () => {
  const mixed: CraftedRating[] = [
    ...[1, 2, 2, 3, 3, 3, 4].map((level, i) => ({ at: day('2026-11-10', `0${i}:30:00.000`), scale: 'vn-4' as const, level })),
    ...[1, 1, 2, 3, 4, 5, 5, 5].map((level, i) => ({ at: day('2026-11-11', `1${i}:00:00.000`), scale: 'vn-5' as const, level })),
  ];

  it('vn-4: Bình thường is not satisfied', async () => {
    const { tallies } = await backendWith(mixed);
    const t = await tallies('2026-11-10');
    expect(t).toMatchObject({ total: 7, satisfied: 3 });
    expect(t.satisfactionRate).toBeCloseTo(3 / 7);
    expect(t.byScale).toEqual([
      {
        scale: 'vn-4',
        total: 7,
        levels: [
          { level: 1, label: 'Rất hài lòng', count: 1, share: 1 / 7 },
          { level: 2, label: 'Hài lòng', count: 2, share: 2 / 7 },
          { level: 3, label: 'Bình thường', count: 3, share: 3 / 7 },
          { level: 4, label: 'Không hài lòng', count: 1, share: 1 / 7 },
        ],
      },
    ]);
  });

  it('vn-5', async () => {
    const { tallies } = await backendWith(mixed);
    const t = await tallies('2026-11-11');
    expect(t).toMatchObject({ total: 8, satisfied: 3, satisfactionRate: 3 / 8 });
    expect(t.byScale[0]?.levels.map((l) => [l.label, l.count])).toEqual([
      ['Rất hài lòng', 2],
      ['Hài lòng', 1],
      ['Bình thường', 1],
      ['Không hài lòng', 1],
      ['Rất không hài lòng', 3],
    ]);
  });

  it('two scales in one period: levels stay per scale, the rate counts "Hài lòng or better" on each', async () => {
    const { tallies } = await backendWith(mixed);
    const t = await tallies('2026-11-10', '2026-11-11');
    expect(t).toMatchObject({ total: 15, satisfied: 6, satisfactionRate: 0.4 });
    expect(t.byScale.map((s) => [s.scale, s.total])).toEqual([
      ['vn-4', 7],
      ['vn-5', 8],
    ]);
    expect(t.previous).toEqual({ range: { from: '2026-11-08', to: '2026-11-09' }, total: 0, satisfactionRate: null });
    // The hourly chart stacks by label, which means the same on every scale.
    expect(t.byHour[3]?.byLevel).toEqual({ 'Rất hài lòng': 0, 'Hài lòng': 0, 'Bình thường': 1, 'Không hài lòng': 0, 'Rất không hài lòng': 0 });
    expect(t.byHour[15]?.byLevel).toMatchObject({ 'Rất không hài lòng': 1 });
    expect(t.byHour.reduce((sum, h) => sum + h.total, 0)).toBe(15);
  });
});

describe('ratings tapped through the intake', () => {
  it('land on the kiosk’s local day (Asia/Ho_Chi_Minh), not the UTC one', async () => {
    // Taps a thank-you time (5 s) apart, as the screen sends them; closer ones are flagged
    // `cooldown` and left out (see 'tap stuffing'). The exact millisecond of midnight is
    // tested in rating-intake.test.ts.
    const clock = manualClock('2026-11-22T16:59:55.000Z'); // 23:59:55 in Hà Nội
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await must(backend, 'submitRating', { scale: 'vn-3', level: 1 });
    clock.advance(5000); // 00:00:00.000
    await must(backend, 'submitRating', { scale: 'vn-3', level: 3 });
    clock.advance(5000);
    await must(backend, 'submitRating', { scale: 'vn-3', level: 3 });
    sectionHeadSession(backend);
    const get = async (d: string) => (await must(backend, 'getTallies', { range: { from: d, to: d } })) as Tallies;
    expect(await get('2026-11-22')).toMatchObject({ total: 1, satisfied: 1 });
    expect(await get('2026-11-23')).toMatchObject({ total: 2, satisfied: 0, satisfactionRate: 0 });
    expect((await get('2026-11-23')).byHour[0]?.total).toBe(2);
  });
});

describe('tap stuffing', () => {
  it('50 taps in 5 seconds: one counts, 49 are "nghi ngờ", left out by default and counted on their own', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await must(backend, 'submitRating', { scale: 'vn-3', level: 2 });
    clock.advance(60_000);
    for (let i = 0; i < 50; i++) {
      await must(backend, 'submitRating', { scale: 'vn-3', level: 1 });
      clock.advance(100);
    }
    sectionHeadSession(backend);
    const get = async (includeFlagged: boolean) =>
      (await must(backend, 'getTallies', { range: { from: '2026-11-23', to: '2026-11-23' }, includeFlagged })) as Tallies;
    const byDefault = await get(false);
    expect(byDefault).toMatchObject({ total: 2, satisfied: 2, includesFlagged: false, excludedFlaggedCount: 49, suspectedCount: 49 });
    expect(byDefault.byScale[0]?.levels.map((l) => l.count)).toEqual([1, 1, 0]);
    expect(byDefault.trend.at(-1)).toMatchObject({ day: '2026-11-23', total: 2 });
    expect(byDefault.byHour[9]?.total).toBe(2);
    const all = await get(true);
    expect(all).toMatchObject({ total: 51, includesFlagged: true, excludedFlaggedCount: 0, suspectedCount: 49 });
  });
});

describe('the query plan', () => {
  it('reads every tally query through the local-day index, never a full scan of ratings', async () => {
    // No ANALYZE, as on a kiosk: on 16 rows statistics would rightly prefer a scan; the
    // benchmark prints the plan at a million rows.
    const { backend } = await backendWith(nov23);
    const queries: TallyQuery[] = ['byLevel', 'byDay', 'byHour', 'byOfficer', 'byServiceArea', 'topReasons', 'reasonsByCode', 'flagged', 'reportRows'];
    for (const name of queries) {
      const plan = explainTallyQuery(backend.context.db, name, { from: '2026-11-01', to: '2026-11-30', includeFlagged: false });
      expect(plan, name).toContainEqual(expect.stringMatching(/^SEARCH r USING (COVERING )?INDEX ratings_day_tally \(local_day>\? AND local_day<\?\)$/));
      expect(plan.filter((line) => /^SCAN r\b/.test(line)), name).toEqual([]);
    }
    // The level counts and the trend never touch the table itself.
    for (const name of ['byLevel', 'byDay'] as const) {
      expect(explainTallyQuery(backend.context.db, name, { from: '2026-11-23', to: '2026-11-23', includeFlagged: true })).toContainEqual(
        expect.stringContaining('USING COVERING INDEX ratings_day_tally'),
      );
    }
  });
});
